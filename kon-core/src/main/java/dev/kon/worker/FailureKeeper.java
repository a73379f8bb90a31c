package dev.kon.worker;

import dev.kon.runs.BundleFailures;
import dev.kon.runs.FailedTask;
import dev.kon.runs.RunRegistry;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the failed tasks of the bundles a worker is about to post and complete in the run registry, for
 * {@code kon failures} and {@code kon retry}. Called before the results are posted and the ledger completion, so
 * every failure a client has heard of or that is counted is kept (a crash in between runs the bundle again, which
 * writes the same items again). A bundle taken over by another worker has
 * its failures written by that worker too, under the same keys; the later attempt's replace the earlier's.
 * Bundles without failures in their first attempt cost nothing. The registry is there to inspect runs, not to run
 * them: when it fails, the bundles complete all the same, with a warning.
 *
 * <p>Thread-safety: confined to the flusher thread.
 */
final class FailureKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(FailureKeeper.class);
    /** Runs whose kept failures reached the registry's bound, remembered so their bundles cost no more calls. */
    private static final int FULL_RUNS = 256;
    private final RunRegistry runs;
    private final Set<String> full = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > FULL_RUNS;
        }
    });
    private long lastWarnNanos;

    FailureKeeper(RunRegistry runs) {
        this.runs = runs;
    }

    /** Keeps the failures of these bundles; never throws for the registry. */
    void keep(List<BundleRun> completing) {
        for (BundleRun r : completing) {
            BundleFailures f = failuresOf(r);
            if (f == null || !f.failures().isEmpty() && full.contains(f.run())) {
                continue;
            }
            try {
                if (!runs.keepFailures(f)) {
                    full.add(f.run());
                }
            } catch (RuntimeException e) {
                // Any failure here, not only the backend's: the bundle must complete whatever the registry does.
                warn(r, e);
            }
        }
    }

    /** What a bundle leaves: null when nothing is to be written (no failures, and no earlier attempt to replace). */
    static BundleFailures failuresOf(BundleRun r) {
        List<FailedTask> failed = new ArrayList<>();
        List<TaskResult> results = r.results();
        for (int i = 0; i < results.size(); i++) {
            TaskResult res = results.get(i);
            if (res != null && !res.succeeded()) {
                Task t = r.task(i);
                failed.add(FailedTask.of(t.id(), t.type(), t.args(), res.output(), r.claim.attempt(), res.worker()));
            }
        }
        if (failed.isEmpty() && r.claim.attempt() <= 1) {
            return null;
        }
        return new BundleFailures(r.bundle.run(), r.key(), r.claim.attempt(), failed);
    }

    private void warn(BundleRun r, RuntimeException e) {
        long now = System.nanoTime();
        // One line a minute at most: a registry that is down would otherwise log once per bundle.
        if (lastWarnNanos == 0 || now - lastWarnNanos > 60_000_000_000L) {
            lastWarnNanos = now;
            LOG.warn("failed tasks of bundle {} not kept in the run registry (kon failures will miss them): {}",
                    r.key(), e.getMessage());
        }
    }
}
