package dev.kon.worker;

import dev.kon.queue.QueueMessage;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.TaskBundle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A claimed bundle in a worker's hands, from claim to acknowledgement. Several executor threads may drain it at
 * once: each takes the next task index, so a bundle's tasks spread over the threads that are free.
 */
final class BundleRun {
    final QueueMessage message;
    final TaskBundle bundle;
    /** True when the bundle is given up as poison: results are failures and the message goes to the DLQ. */
    final boolean poison;
    private final TaskResult[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger remaining;
    private volatile boolean cancelled;
    private volatile long startNanos;
    /** Set when the flusher starts completing it: the heartbeat leaves it alone from then on. */
    private volatile boolean finishing;
    /** The results split into messages, by the thread that finished the bundle. */
    private volatile List<dev.kon.wire.ResultBatch> resultBatches;

    BundleRun(QueueMessage message, TaskBundle bundle) {
        this.message = message;
        this.bundle = bundle;
        this.poison = false;
        this.results = new TaskResult[bundle.tasks().size()];
        this.remaining = new AtomicInteger(results.length);
    }

    BundleRun(QueueMessage message, TaskBundle bundle, List<TaskResult> failures) {
        this.message = message;
        this.bundle = bundle;
        this.poison = true;
        this.results = failures.toArray(new TaskResult[0]);
        this.remaining = new AtomicInteger(0);
    }

    String key() {
        return bundle.bundleId();
    }

    int size() {
        return results.length;
    }

    /**
     * The first index of the next {@code chunk} tasks to run, or -1 when every task is taken. Threads sharing a
     * bundle take chunks rather than single tasks so they do not contend on this counter for every short task.
     */
    int take(int chunk) {
        int i = next.getAndAdd(chunk);
        return i < results.length ? i : -1;
    }

    Task task(int i) {
        return bundle.tasks().get(i);
    }

    /** Records a task's result; the caller reports finished tasks with {@link #finished(int)}. */
    void record(int i, TaskResult r) {
        results[i] = r;
    }

    /** Counts {@code n} recorded tasks; answers true for the call that completes the bundle. */
    boolean finished(int n) {
        return remaining.addAndGet(-n) == 0;
    }

    /** Marks the start of running, the first time only (for how long bundles take). */
    void started() {
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
    }

    /** Milliseconds from the first task's start until now. */
    double runMillis() {
        return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e6;
    }

    List<TaskResult> results() {
        return Arrays.asList(results);
    }

    void packed(List<dev.kon.wire.ResultBatch> batches) {
        resultBatches = List.copyOf(batches);
    }

    List<dev.kon.wire.ResultBatch> resultBatches() {
        return resultBatches;
    }

    /** The lease was lost: another worker runs this bundle now; stop starting its tasks and drop the results. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    void finishing() {
        finishing = true;
    }

    boolean isFinishing() {
        return finishing;
    }
}
