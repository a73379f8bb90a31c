package dev.kon.wire;

import dev.kon.task.Task;
import java.util.List;
import java.util.Objects;

/**
 * The body of one task-queue message: several tasks of one run, claimed and acknowledged as one unit.
 *
 * @param run        the run's id
 * @param bundleId   unique across runs; the ledger key
 * @param replyQueue the queue on which workers post the results
 * @param tasks      at least one task
 */
public record TaskBundle(String run, String bundleId, String replyQueue, List<Task> tasks) {
    public TaskBundle {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(replyQueue, "replyQueue");
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one task");
        }
    }
}
