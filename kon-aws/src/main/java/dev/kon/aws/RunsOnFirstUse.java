package dev.kon.aws;

import dev.kon.runs.BundleFailures;
import dev.kon.runs.FailedTask;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.runs.RunState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link RunRegistry} that builds the real one (and so its DynamoDB client) on its first call, and hands every
 * call to it. Thread-safe: two first calls at once build it once.
 */
final class RunsOnFirstUse implements RunRegistry {
    private final Supplier<RunRegistry> factory;
    private volatile RunRegistry runs;

    RunsOnFirstUse(Supplier<RunRegistry> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void register(RunRecord run) {
        runs().register(run);
    }

    @Override
    public void submitted(String runId, long sent, long bundles, boolean complete) {
        runs().submitted(runId, sent, bundles, complete);
    }

    @Override
    public boolean move(String runId, RunState from, RunState to, Instant at) {
        return runs().move(runId, from, to, at);
    }

    @Override
    public boolean cancel(String runId, Instant at) {
        return runs().cancel(runId, at);
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        return runs().find(runId);
    }

    @Override
    public List<RunRecord> recent(int max) {
        return runs().recent(max);
    }

    @Override
    public boolean keepFailures(BundleFailures failures) {
        return runs().keepFailures(failures);
    }

    @Override
    public List<FailedTask> failures(String runId, int max) {
        return runs().failures(runId, max);
    }

    private RunRegistry runs() {
        RunRegistry r = runs;
        if (r == null) {
            synchronized (this) {
                r = runs;
                if (r == null) {
                    r = Objects.requireNonNull(factory.get(), "runs");
                    runs = r;
                }
            }
        }
        return r;
    }
}
