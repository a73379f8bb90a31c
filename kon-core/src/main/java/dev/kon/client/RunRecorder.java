package dev.kon.client;

import dev.kon.KonException;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.runs.RunState;
import dev.kon.worker.WorkerIdentity;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client tells the run registry about its run: registered before the first task is sent, how far submitting
 * is sure to have got (at most every {@value #SENT_EVERY_SECONDS} s, and at the end), done once every result is in. The registry
 * is there to watch runs, not to run them: when it cannot be reached (a deployment provisioned before it existed)
 * the run goes on, with one warning.
 *
 * <p>Thread-safety: {@link #sent} may be called from the submitting thread while others are not; not shared.
 */
final class RunRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
    static final long SENT_EVERY_SECONDS = 2;
    private final RunRegistry runs;
    private final Clock clock;
    private final String runId;
    private boolean broken;
    /** The first confirmation is written at once: a client killed early still leaves how far it got. */
    private long lastSentNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(SENT_EVERY_SECONDS);
    private long confirmedBundles;
    private long confirmedTasks;

    RunRecorder(RunRegistry runs, Clock clock, String runId) {
        this.runs = runs;
        this.clock = clock;
        this.runId = runId;
    }

    void register(RunRequest req) {
        call(() -> runs.register(RunRecord.submitting(runId, clock.instant(), WorkerIdentity.host(),
                req.workload() == null ? "" : req.workload(), req.taskQueue(), req.taskCount(),
                req.sleepMillis()).withOrigin(req.recordedOrigin())));
    }

    /**
     * Bundles 1..{@code bundles} (tasks 1..{@code tasks}) are on the queue for sure; written at most every few
     * seconds. {@code kon submit --resume} sends the bundles after these.
     */
    void confirmed(long bundles, long tasks) {
        long now = System.nanoTime();
        if (bundles > confirmedBundles && now - lastSentNanos >= TimeUnit.SECONDS.toNanos(SENT_EVERY_SECONDS)) {
            lastSentNanos = now;
            confirmedBundles = bundles;
            // A resumed submission knows the bundles it skips, not their tasks: the count never goes back.
            confirmedTasks = Math.max(confirmedTasks, tasks);
            long t = confirmedTasks;
            call(() -> runs.submitted(runId, t, bundles, false));
        }
    }

    /** A resumed run: what its record says was sent before stands until more is. */
    void resumedAt(long bundles, long tasks) {
        confirmedBundles = bundles;
        confirmedTasks = tasks;
    }

    /** Every task is on the queue: the run is running. */
    void submitted(SubmitStats stats) {
        call(() -> runs.submitted(runId, stats.tasks(), stats.bundles(), true));
    }

    /** Every result is in. */
    void done() {
        call(() -> runs.move(runId, RunState.RUNNING, RunState.DONE, clock.instant()));
    }

    /** True when the registry says someone cancelled the run. */
    boolean cancelled() {
        if (broken) {
            return false;
        }
        try {
            return runs.find(runId).map(r -> r.state() == RunState.CANCELLED).orElse(false);
        } catch (KonException e) {
            return false;
        }
    }

    private void call(Runnable write) {
        if (broken) {
            return;
        }
        try {
            write.run();
        } catch (KonException e) {
            broken = true;
            LOG.warn("the run registry cannot be reached, so run {} is not recorded there: {}", runId,
                    e.getMessage());
        }
    }
}
