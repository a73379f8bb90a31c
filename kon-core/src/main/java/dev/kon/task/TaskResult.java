package dev.kon.task;

import java.util.Objects;

/**
 * What a worker reports for one task. Status follows the seed: {@link #SUCCESS} (0) or {@link #FAILURE} (1).
 *
 * @param taskId  the {@link Task#id()} this answers
 * @param status  0 for success, 1 for failure
 * @param output  the handler's answer on success, the reason on failure; never null
 * @param worker  which worker ran it ({@code host/pid/thread}), or who gave up on it
 * @param startMs when the handler started, epoch milliseconds
 * @param endMs   when it ended, epoch milliseconds
 */
public record TaskResult(long taskId, int status, String output, String worker, long startMs, long endMs) {
    public static final int SUCCESS = 0;
    public static final int FAILURE = 1;

    public TaskResult {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(worker, "worker");
        if (status != SUCCESS && status != FAILURE) {
            throw new IllegalArgumentException("status must be 0 or 1, was " + status);
        }
    }

    public boolean succeeded() {
        return status == SUCCESS;
    }

    public static TaskResult failed(long taskId, String reason, String worker, long atMs) {
        return new TaskResult(taskId, FAILURE, reason, worker, atMs, atMs);
    }
}
