package dev.kon.fleet;

import dev.kon.queue.QueueDepth;
import dev.kon.queue.TaskQueue;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.runs.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the workload for each tick: the task queue's depth and the remaining work of the runs on that queue in the
 * run registry. A run whose work is known (a sleep workload) counts {@code knownWorkMs x remaining / tasks}; the
 * others count their remaining tasks, whose length is measured here: between two ticks with work waiting (every
 * worker busy), {@code busy worker-threads x elapsed / tasks done} is the time of one task, smoothed over ticks.
 * The measurement is per queue, not per task type: a run record does not say its tasks' types.
 *
 * <p>Not thread-safe: one autoscaler thread calls it.
 */
public final class WorkSource {
    /** How many recent runs are looked at: older ones are finished or abandoned. */
    static final int RECENT_RUNS = 200;
    private final TaskQueue queue;
    private final RunRegistry runs;
    private final int threadsPerWorker;
    private final Map<String, Long> doneBefore = new HashMap<>();
    private Instant before;
    private double taskTimeMs = -1;

    public WorkSource(TaskQueue queue, RunRegistry runs, int threadsPerWorker) {
        this.queue = queue;
        this.runs = runs;
        this.threadsPerWorker = threadsPerWorker;
    }

    /** The workload now, measuring unknown tasks' time against {@code active} workers since the last call. */
    public Workload read(int active, Instant now) {
        QueueDepth depth = queue.depth();
        long knownMs = 0;
        long unknownTasks = 0;
        long unknownDone = 0;
        Map<String, Long> doneNow = new HashMap<>();
        for (RunRecord r : runs.recent(RECENT_RUNS)) {
            boolean open = r.state() == RunState.SUBMITTING || r.state() == RunState.RUNNING;
            if (!open || !r.taskQueue().equals(queue.name())) {
                continue;
            }
            long remaining = Math.max(0, r.tasks() - r.done());
            if (r.knownWorkMs() >= 0) {
                knownMs += r.tasks() == 0 ? 0 : (long) (r.knownWorkMs() * (remaining / (double) r.tasks()));
            } else {
                unknownTasks += remaining;
                doneNow.put(r.runId(), r.done());
                unknownDone += r.done() - doneBefore.getOrDefault(r.runId(), r.done());
            }
        }
        if (before != null && unknownDone > 0 && active > 0 && depth.visible() > 0) {
            double ms = active * threadsPerWorker * (double) Duration.between(before, now).toMillis() / unknownDone;
            taskTimeMs = taskTimeMs < 0 ? ms : 0.7 * taskTimeMs + 0.3 * ms;
        }
        doneBefore.clear();
        doneBefore.putAll(doneNow);
        before = now;
        return new Workload(depth, knownMs, unknownTasks, Math.round(taskTimeMs));
    }
}
