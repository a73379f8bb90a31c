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
 * @param timeLimit  the run's time limit for one attempt of each task, or null for each task type's own
 */
public record TaskBundle(String run, String bundleId, String replyQueue, List<Task> tasks, Duration timeLimit) {
    public TaskBundle {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(replyQueue, "replyQueue");
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one task");
        }
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            throw new IllegalArgumentException("timeLimit must be > 0ms, was " + timeLimit.toMillis() + "ms");
        }
    }

    /** A bundle whose tasks run under their task types' own time limits. */
    public TaskBundle(String run, String bundleId, String replyQueue, List<Task> tasks) {
        this(run, bundleId, replyQueue, tasks, null);
    }
}
