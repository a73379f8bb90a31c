package dev.kon.cli;

import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Test-only task type {@code stubborn MS}: runs MS milliseconds and ignores being interrupted or cancelled, as a
 * handler stuck in a call that cannot be interrupted would. Its time limit is half a second.
 */
public final class StubbornHandler implements TaskHandler {
    @Override
    public String type() {
        return "stubborn";
    }

    @Override
    public String handle(Task task, TaskContext ctx) {
        long end = System.nanoTime() + Duration.ofMillis(Long.parseLong(task.args().strip())).toNanos();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(10_000_000);
            Thread.interrupted();
        }
        return "done";
    }

    @Override
    public Duration timeLimit(String args) {
        return Duration.ofMillis(500);
    }
}
