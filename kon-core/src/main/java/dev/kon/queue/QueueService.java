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

    @Override
    default void close() {
    }
}
