package dev.kon.client;

import dev.kon.task.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The results of one run (a {@code kon submit} run, or one request of a {@link RequestSession}) as they arrive:
 * each task reported once, however many copies the queues deliver, with counts and one wait for the last result.
 * A result for a task the run did not send (known only when {@code sent} is given) is a stray and dropped; a
 * second result for a task is a duplicate and dropped. Each first result goes to the sink.
 *
 * <p>Thread-safety: results may be taken from several threads; the sink is called by one of them at a time, under
 * this tally's lock, so it must not block for long.
 */
public final class ResultTally {
    private final long expected;
    private final Set<Long> sent;
    private final ResultSink sink;
    private final SeenIds seen = new SeenIds();
    private final CountDownLatch complete = new CountDownLatch(1);
    private long distinct;
    private long succeeded;
    private long failed;
    private long duplicates;
    private long unreadable;
    private volatile long lastResultNanos = System.nanoTime();

    /**
     * @param expected how many distinct tasks complete the run
     * @param sent     the ids of the tasks sent, when results for other ids must be dropped; null accepts any id
     * @param sink     hears each task's first result
     */
    public ResultTally(long expected, Set<Long> sent, ResultSink sink) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected must be >= 0 tasks, was " + expected);
        }
        this.expected = expected;
        this.sent = sent == null ? null : Set.copyOf(sent);
        this.sink = sink;
        if (expected == 0) {
            complete.countDown();
        }
    }

    /** Takes the results of one message; answers how many were for tasks the run did not send. */
    public synchronized int take(List<TaskResult> results) {
        int strays = 0;
        for (TaskResult r : results) {
            if (sent != null && !sent.contains(r.taskId())) {
                strays++;
                continue;
            }
            if (!seen.add(r.taskId())) {
                duplicates++;
                continue;
            }
            distinct++;
            if (r.succeeded()) {
                succeeded++;
            } else {
                failed++;
            }
            sink.accept(r);
        }
        if (strays < results.size()) {
            lastResultNanos = System.nanoTime();
        }
        if (distinct >= expected) {
            complete.countDown();
        }
        return strays;
    }

    /** Counts result messages of this run's reply queue that could not be read (see {@link ReplyReader}). */
    synchronized void unreadable(int n) {
        unreadable += n;
    }

    /** Ends the wait without every result (the session closes, the reader failed). */
    public void abandon() {
        complete.countDown();
    }

    /** Waits until every expected task has a result (or the wait is abandoned); false if {@code timeout} passed. */
    public boolean await(Duration timeout) throws InterruptedException {
        return complete.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True when every expected task has a result. */
    public synchronized boolean complete() {
        return distinct >= expected;
    }

    public synchronized CollectStats stats() {
        return new CollectStats(expected, distinct, succeeded, failed, duplicates, unreadable);
    }

    /** How long since the last result for this run arrived (for "is any worker running?" hints). */
    public Duration sinceLastResult() {
        return Duration.ofNanos(System.nanoTime() - lastResultNanos);
    }

    /**
     * Waits for the results, telling {@code listener} the progress about every {@code every} and each ten seconds
     * of quiet, until they are all in, the wait is abandoned, {@code stop} answers true, or {@code timeout} (zero:
     * none) has passed since the call.
     *
     * @return true when every expected task has a result
     */
    public boolean awaitReporting(Duration timeout, Duration every, RunListener listener,
            java.util.function.BooleanSupplier stop) throws InterruptedException {
        boolean forever = timeout.isZero();
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextStallNote = STALL_NOTE_SECONDS;
        while (true) {
            long left = forever ? every.toNanos() : deadline - System.nanoTime();
            if (await(Duration.ofNanos(Math.max(0, Math.min(every.toNanos(), left)))) || stop.getAsBoolean()
                    || !forever && deadline - System.nanoTime() <= 0) {
                break;
            }
            listener.progress(stats());
            long quiet = sinceLastResult().toSeconds();
            if (quiet >= nextStallNote) {
                listener.stalled(sinceLastResult(), stats());
                nextStallNote = quiet + STALL_NOTE_SECONDS;
            } else if (quiet < STALL_NOTE_SECONDS) {
                nextStallNote = STALL_NOTE_SECONDS;
            }
        }
        listener.progress(stats());
        return complete();
    }

    private static final long STALL_NOTE_SECONDS = 10;
}
