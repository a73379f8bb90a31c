package dev.kon.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRegistryCancelTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final InMemoryRunRegistry real = new InMemoryRunRegistry();

    @Test
    void cancel_whenTheRunStartsRunningBetweenTheTwoMoves_stillCancelsIt() {
        real.register(RunRecord.submitting("r1", NOW, "host", "w", "q", 10, -1));
        // The client's last send lands between the move from running (not yet running) and the one from
        // submitting (no longer submitting): both moves of the first try miss.
        RunRegistry racing = new Delegating(real) {
            private boolean raced;

            @Override
            public boolean move(String runId, RunState from, RunState to, Instant at) {
                if (!raced && from == RunState.SUBMITTING) {
                    raced = true;
                    real.submitted(runId, 10, 1, true);
                }
                return real.move(runId, from, to, at);
            }
        };

        assertThat(racing.cancel("r1", NOW)).isTrue();
        assertThat(real.find("r1").orElseThrow().state()).isEqualTo(RunState.CANCELLED);
    }

    @Test
    void cancel_ofARunThatEnded_isFalseAndLeavesItDone() {
        real.register(RunRecord.submitting("r2", NOW, "host", "w", "q", 10, -1));
        real.submitted("r2", 10, 1, true);
        real.move("r2", RunState.RUNNING, RunState.DONE, NOW);

        assertThat(real.cancel("r2", NOW)).isFalse();
        assertThat(real.cancel("unknown", NOW)).isFalse();
        assertThat(real.find("r2").orElseThrow().state()).isEqualTo(RunState.DONE);
    }

    /** Passes every call to a real registry, so a test can step in between two of them. */
    private static class Delegating implements RunRegistry {
        private final RunRegistry to;

        Delegating(RunRegistry to) {
            this.to = to;
        }

        @Override
        public void register(RunRecord run) {
            to.register(run);
        }

        @Override
        public void submitted(String runId, long sent, long bundles, boolean complete) {
            to.submitted(runId, sent, bundles, complete);
        }

        @Override
        public boolean move(String runId, RunState from, RunState to, Instant at) {
            return this.to.move(runId, from, to, at);
        }

        @Override
        public Optional<RunRecord> find(String runId) {
            return to.find(runId);
        }

        @Override
        public List<RunRecord> recent(int max) {
            return to.recent(max);
        }

        @Override
        public boolean keepFailures(BundleFailures failures) {
            return to.keepFailures(failures);
        }

        @Override
        public List<FailedTask> failures(String runId, int max) {
            return to.failures(runId, max);
        }
    }
}
