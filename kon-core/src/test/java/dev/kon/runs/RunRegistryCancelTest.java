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
        RunRegistry racing = new dev.kon.fixture.DelegatingRunRegistry(real) {
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
}
