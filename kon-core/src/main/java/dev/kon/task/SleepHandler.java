package dev.kon.task;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Task type {@code sleep}: waits the given number of milliseconds ({@code sleep 10}); {@code sleep 0} does
 * nothing. The seed's unit of work for throughput and efficiency measurements. Waits against a deadline, so an
 * early wake-up does not shorten it and overshoot stays the scheduler's alone.
 */
public final class SleepHandler implements TaskHandler {
    /** The longest sleep accepted: one day. */
    public static final long MAX_MILLIS = TimeUnit.DAYS.toMillis(1);

    @Override
    public String type() {
        return "sleep";
    }

    /** The sleep's own length plus one minute (the default limit when the arguments are bad). */
    @Override
    public java.time.Duration timeLimit(String args) {
        try {
            return java.time.Duration.ofMillis(millis(args)).plusMinutes(1);
        } catch (IllegalArgumentException e) {
            return DEFAULT_TIME_LIMIT;
        }
    }

    @Override
    public String validate(String args) {
        try {
            millis(args);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The milliseconds of a {@code sleep} task's arguments; throws with a readable message when they are bad. */
    public static long millis(String args) {
        String a = args.strip();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("sleep needs a duration in milliseconds, e.g. 'sleep 10'");
        }
        long ms;
        try {
            ms = Long.parseLong(a);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sleep takes a whole number of milliseconds, got '"
                    + UserText.excerpt(a) + "'");
        }
        if (ms < 0 || ms > MAX_MILLIS) {
            throw new IllegalArgumentException("sleep milliseconds must be 0.." + MAX_MILLIS + ", got " + ms);
        }
        return ms;
    }

    @Override
    public String handle(Task task, TaskContext ctx) throws InterruptedException {
        long ms;
        try {
            ms = millis(task.args());
        } catch (IllegalArgumentException e) {
            // Bad arguments stay bad on every attempt (a message not made by a checked submit).
            throw new PermanentTaskFailure(e.getMessage());
        }
        if (ms == 0) {
            return "";
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("sleep interrupted");
            }
        }
        return "";
    }
}
