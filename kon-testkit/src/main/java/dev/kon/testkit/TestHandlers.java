package dev.kon.testkit;

import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.SleepHandler;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Task handlers for tests, sharing one record of what ran:
 * {@code count} (records each run, answers "ok"), {@code block} (waits until {@link #unblock()} or interruption),
 * {@code fail} (always throws a plain exception, so it is retried), {@code perm} (throws
 * {@link PermanentTaskFailure}), and the real {@code sleep}.
 */
public final class TestHandlers {
    private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final AtomicInteger failAttempts = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blockedOnce = new CountDownLatch(1);

    public TaskHandlers handlers() {
        return TaskHandlers.of(new Simple("count", t -> {
            runs.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
            return "ok";
        }), new Simple("block", t -> {
            runs.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
            blockedOnce.countDown();
            release.await();
            return "unblocked";
        }), new Simple("fail", t -> {
            failAttempts.incrementAndGet();
            throw new IllegalStateException("boom " + t.args());
        }), new Simple("perm", t -> {
            throw new PermanentTaskFailure("bad input " + t.args());
        }), new SleepHandler());
    }

    /** How many times each task id ran (count and block tasks). */
    public Map<Long, AtomicInteger> runs() {
        return runs;
    }

    public int failAttempts() {
        return failAttempts.get();
    }

    /** Lets every blocked task finish. */
    public void unblock() {
        release.countDown();
    }

    /** Counts down when the first block task has started. */
    public CountDownLatch blockStarted() {
        return blockedOnce;
    }

    private interface Body {
        String run(Task t) throws Exception;
    }

    private record Simple(String type, Body body) implements TaskHandler {
        @Override
        public String handle(Task task, TaskContext ctx) throws Exception {
            return body.run(task);
        }
    }
}
