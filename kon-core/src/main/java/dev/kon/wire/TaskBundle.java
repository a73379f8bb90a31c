package dev.kon.wire;

import dev.kon.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The body of one task-queue message: several tasks of one run, claimed and acknowledged as one unit.
 *
 * @param run        the run's id
 * @param bundleId   unique across runs; the ledger key
 * @param replyQueue the queue on which workers post the results
 * @param tasks      at least one task
 * @param timeLimit  the run's time limit for one attempt of each task, or null for each task type's own; at least
 *                   1 ms, and rounded up to whole milliseconds (the wire carries milliseconds)
 */
public record TaskBundle(String run, String bundleId, String replyQueue, List<Task> tasks, Duration timeLimit) {
    /** The longest time limit a run may set: a year (a sleep task sleeps at most a day). */
    public static final Duration MAX_TIME_LIMIT = Duration.ofDays(365);

    public TaskBundle {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(replyQueue, "replyQueue");
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one task");
        }
        if (timeLimit != null) {
            if (timeLimit.compareTo(Duration.ofMillis(1)) < 0 || timeLimit.compareTo(MAX_TIME_LIMIT) > 0) {
                throw new IllegalArgumentException("timeLimit must be 1ms.." + MAX_TIME_LIMIT.toDays() + "d, was "
                        + timeLimit);
            }
            Duration whole = Duration.ofMillis(timeLimit.toMillis());
            timeLimit = whole.equals(timeLimit) ? whole : whole.plusMillis(1);
        }
    }

    /** A bundle whose tasks run under their task types' own time limits. */
    public TaskBundle(String run, String bundleId, String replyQueue, List<Task> tasks) {
        this(run, bundleId, replyQueue, tasks, null);
    }
}
