package dev.kon.queue;

import java.util.Optional;

/**
 * Opens, creates and deletes queues by name. One per backend and process; thread-safe.
 */
public interface QueueService extends AutoCloseable {

    /**
     * Creates the queue if it does not exist, and its dead-letter queue first when the spec names one (with the
     * redrive to it); returns the queue either way. Idempotent.
     */
    TaskQueue create(QueueSpec spec);

    /** The queue of that name, or empty if it does not exist. */
    Optional<TaskQueue> find(String name);

    /** The queue of that name; throws {@link QueueNotFoundException} if it does not exist. */
    default TaskQueue open(String name) {
        return find(name).orElseThrow(() -> new QueueNotFoundException(name));
    }

    /** Deletes the queue and its messages; deleting a missing queue is not an error. */
    void delete(String name);

    /**
     * Waits up to {@code max} for receives whose callers gave up on them (interrupted while a long poll was under
     * way) to end, and for what they brought in to be made visible again. A process calls this before it exits:
     * a long poll still open on the queue server when the process is gone is handed the next message, which then
     * stays hidden for its whole visibility timeout with nobody to run it. Queues without long polls have nothing
     * to wait for.
     */
    default void settleAbandonedReceives(java.time.Duration max) throws InterruptedException {
    }

    @Override
    default void close() {
    }
}
