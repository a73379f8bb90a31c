package dev.kon.worker;

import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueService;
import dev.kon.queue.TaskQueue;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a message the worker cannot or will not run to the dead-letter queue, with the reason in the log. When
 * that queue is missing the message stays put, and the backend's own redrive (after more receives) takes it.
 */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final QueueService queues;
    private final String name;
    private volatile TaskQueue queue;

    DeadLetters(QueueService queues, String name) {
        this.queues = queues;
        this.name = name;
    }

    /** Answers true when the body is on the dead-letter queue, so the original may be acknowledged. */
    boolean move(QueueMessage m, String reason) {
        LOG.warn("message {} goes to dead-letter queue '{}': {}", m.messageId(), name, reason);
        try {
            TaskQueue q = queue;
            if (q == null) {
                Optional<TaskQueue> found = queues.find(name);
                if (found.isEmpty()) {
                    LOG.warn("dead-letter queue '{}' does not exist; message {} stays for the backend's redrive",
                            name, m.messageId());
                    return false;
                }
                q = queue = found.get();
            }
            return q.send(List.of(m.body())).allOk();
        } catch (RuntimeException e) {
            LOG.warn("could not dead-letter message {}: {}", m.messageId(), e.toString());
            return false;
        }
    }
}
