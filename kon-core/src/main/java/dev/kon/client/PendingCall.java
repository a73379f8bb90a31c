package dev.kon.client;

import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@link RequestSession#call} waiting for its results: which task ids it sent, the first result of each, and
 * counts of what was dropped. A result for a task id the call did not send is dropped; a second result for a task
 * is counted as a duplicate and dropped.
 *
 * <p>Thread-safety: the session's receiver adds results while the calling thread waits and reads them.
 */
final class PendingCall {
    private final Set<Long> expected;
    private final Map<Long, TaskResult> results = new HashMap<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private long succeeded;
    private long failed;
    private long duplicates;
    private volatile long lastResultNanos = System.nanoTime();

    /** @throws IllegalArgumentException when two tasks share an id (their results could not be told apart) */
    PendingCall(List<Task> tasks) {
        expected = new HashSet<>(tasks.size() * 2);
        for (Task t : tasks) {
            if (!expected.add(t.id())) {
                throw new IllegalArgumentException("task ids must be unique within a call; " + t.id()
                        + " appears twice");
            }
        }
        if (expected.isEmpty()) {
            done.countDown();
        }
    }

    /** Takes the results of one reply message; answers how many were for tasks this call did not send. */
    synchronized int take(List<TaskResult> batch) {
        int strays = 0;
        for (TaskResult r : batch) {
            if (!expected.contains(r.taskId())) {
                strays++;
            } else if (results.putIfAbsent(r.taskId(), r) != null) {
                duplicates++;
            } else if (r.succeeded()) {
                succeeded++;
            } else {
                failed++;
            }
        }
        if (strays < batch.size()) {
            lastResultNanos = System.nanoTime();
        }
        if (results.size() == expected.size()) {
            done.countDown();
        }
        return strays;
    }

    /** Wakes the waiting caller without every result (the session is closing). */
    void abandon() {
        done.countDown();
    }

    /** Waits until every result is in (or the call is abandoned); false if {@code timeout} passed first. */
    boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    synchronized boolean complete() {
        return results.size() == expected.size();
    }

    synchronized CollectStats stats() {
        return new CollectStats(expected.size(), results.size(), succeeded, failed, duplicates);
    }

    /** The results so far, by task id. */
    synchronized Map<Long, TaskResult> results() {
        return Map.copyOf(results);
    }

    Duration sinceLastResult() {
        return Duration.ofNanos(System.nanoTime() - lastResultNanos);
    }
}
