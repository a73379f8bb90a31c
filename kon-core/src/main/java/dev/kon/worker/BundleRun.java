package dev.kon.worker;

import dev.kon.ledger.Completion;
import dev.kon.ledger.HeldClaim;
import dev.kon.queue.QueueLimits;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.TaskBundle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A claimed bundle in a worker's hands, from claim to acknowledgement. Several executor threads may drain it at
 * once: each takes the next task index, so a bundle's tasks spread over the threads that are free.
 *
 * <p>Its lease is tracked on the monotonic clock: {@link #leaseRunsOutAt()} is when the ledger lease ends unless
 * renewed, measured from before the claim or renewal was asked. Past it another worker may run the bundle, so the
 * worker stops it ({@link #cancel}); a process that was frozen sees that on the first check after it wakes, since
 * {@link System#nanoTime()} keeps counting while it is stopped.
 */
final class BundleRun {
    final QueueMessage message;
    final TaskBundle bundle;
    /** The ledger claim this run holds; its attempt number is the fencing token handlers see. */
    final HeldClaim claim;
    /** True when the bundle is given up as poison: results are failures and the message goes to the DLQ. */
    final boolean poison;
    private final long leaseNanos;
    private final TaskResult[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger remaining;
    /** Why the bundle was stopped (lease lost or run out, worker killed); null while it may run. */
    private volatile String cancelled;
    /** Why the bundle's run was cancelled; null while it may run. */
    private volatile String stopped;
    private volatile long leaseEndNanos;
    private volatile long startNanos;
    /** Set when the flusher starts completing it: the heartbeat and the fence leave it alone from then on. */
    private volatile boolean finishing;
    /** The results split into messages, by the thread that finished the bundle. */
    private volatile List<ResultBatch> resultBatches;
    /** The queue its message came from: the task queue, or its priority queue. Set before it is handed on. */
    private TaskQueue source;
    private boolean priority;

    /**
     * @param claimedAtNanos {@link System#nanoTime()} taken before the claim was asked
     * @param leaseNanos     the lease length asked for
     */
    BundleRun(QueueMessage message, TaskBundle bundle, HeldClaim claim, long claimedAtNanos, long leaseNanos) {
        this(message, bundle, claim, claimedAtNanos, leaseNanos, null, false);
    }

    /** A bundle given up as poison: {@code failures} are its results, reported without running anything. */
    BundleRun(QueueMessage message, TaskBundle bundle, HeldClaim claim, long claimedAtNanos, long leaseNanos,
            List<TaskResult> failures) {
        this(message, bundle, claim, claimedAtNanos, leaseNanos, failures, true);
    }

    /**
     * A bundle answered without running: {@code failures} are its results; with {@code deadLetter} (poison) its
     * message is kept on the dead-letter queue, else (a cancelled run's) it is simply completed and deleted.
     */
    BundleRun(QueueMessage message, TaskBundle bundle, HeldClaim claim, long claimedAtNanos, long leaseNanos,
            List<TaskResult> failures, boolean deadLetter) {
        this.message = message;
        this.bundle = bundle;
        this.claim = claim;
        this.poison = failures != null && deadLetter;
        this.leaseNanos = leaseNanos;
        this.leaseEndNanos = claimedAtNanos + leaseNanos;
        boolean answered = failures != null;
        this.results = answered ? failures.toArray(new TaskResult[0]) : new TaskResult[bundle.tasks().size()];
        this.remaining = new AtomicInteger(answered ? 0 : results.length);
    }

    /** Sets the queue its message came from; called by the poller before the run is handed to other threads. */
    BundleRun from(TaskQueue queue, boolean fromPriorityQueue) {
        this.source = queue;
        this.priority = fromPriorityQueue;
        return this;
    }

    /** True when it came from the priority queue: executor threads take it before any bundle of the task queue. */
    boolean priority() {
        return priority;
    }

    /** The queue its message came from, where it is kept hidden and deleted. */
    TaskQueue source() {
        return source;
    }

    String key() {
        return bundle.bundleId();
    }

    /**
     * The completion of this bundle's claim, with its results counted for the run's record; a poison bundle's is
     * dead-lettered, so a redriven copy of its message runs.
     */
    Completion completion() {
        int failed = 0;
        for (TaskResult r : results) {
            if (r != null && !r.succeeded()) {
                failed++;
            }
        }
        return new Completion(claim, bundle.run(), results.length - failed, failed, poison);
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
    void markStarted() {
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

    /** Splits the results into messages that fit {@code limits}, on the thread that made the last of them. */
    void pack(QueueLimits limits) {
        resultBatches = List.copyOf(ResultPacking.pack(bundle.run(), results(), limits));
    }

    /** The results as {@link #pack} split them; null before. */
    List<ResultBatch> resultBatches() {
        return resultBatches;
    }

    /**
     * Moves the lease's end after the ledger renewed it; {@code askedAtNanos} is {@link System#nanoTime()} from
     * before the renewal was asked. Never moves it earlier.
     */
    void extendLease(long askedAtNanos) {
        long end = askedAtNanos + leaseNanos;
        if (end - leaseEndNanos > 0) {
            leaseEndNanos = end;
        }
    }

    /** When the lease ends unless renewed, on the {@link System#nanoTime()} scale. */
    long leaseRunsOutAt() {
        return leaseEndNanos;
    }

    /**
     * True once less than a tenth of the lease is left at {@code nowNanos} with no renewal: the worker stops the
     * bundle then, a little before the ledger would let another worker claim it, so the time a timer or a thread
     * takes to act (on a busy machine, tens of milliseconds or more) does not let two attempts overlap.
     */
    boolean leaseRunningOut(long nowNanos) {
        return leaseEndsWithin(leaseNanos / 10, nowNanos);
    }

    /** True when the lease has less than {@code marginNanos} left at {@code nowNanos}. */
    boolean leaseEndsWithin(long marginNanos, long nowNanos) {
        return leaseEndNanos - nowNanos < marginNanos;
    }

    /**
     * Stops the bundle for good: no task of it starts from now on and its results are dropped. Running tasks are
     * interrupted by the caller ({@link TaskSlots#interrupt}). The first reason given is kept.
     *
     * @return true for the call that cancelled it
     */
    synchronized boolean cancel(String reason) {
        if (cancelled != null) {
            return false;
        }
        cancelled = reason;
        return true;
    }

    boolean cancelled() {
        return cancelled != null;
    }

    /**
     * Its run was cancelled: no task of it starts from now on, each is reported failed, and the bundle is completed
     * as usual (unlike {@link #cancel}, where another worker owns it). The first reason given is kept.
     *
     * @return true for the call that stopped it
     */
    synchronized boolean stopRun(String reason) {
        if (stopped != null) {
            return false;
        }
        stopped = reason;
        return true;
    }

    /** True once its run was cancelled ({@link #stopRun}). */
    boolean stopped() {
        return stopped != null;
    }

    /** Why it must not run on, either way, or null. */
    String whyNot() {
        String c = cancelled;
        return c != null ? c : stopped;
    }

    /** Why the bundle was cancelled, or null. */
    String cancelReason() {
        return cancelled;
    }

    /** The flusher starts completing the bundle: no more renewals or fencing. */
    void markFinishing() {
        finishing = true;
    }

    boolean isFinishing() {
        return finishing;
    }
}
