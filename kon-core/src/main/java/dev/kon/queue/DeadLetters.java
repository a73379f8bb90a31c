package dev.kon.queue;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages that cannot or will not be processed to a dead-letter queue, with the reason in the log. A move
 * is a copy: the caller deletes the original only when {@link #move} answers true, so a failed move (the queue
 * missing, the backend failing) leaves the message where it was, and the backend's own redrive (after more
 * receives) or a later try takes it.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** Longest reason written to the log, in characters. */
    static final int MAX_REASON = 300;
    private final QueueService queues;
    private final String name;
    private volatile TaskQueue queue;

    public DeadLetters(QueueService queues, String name) {
        this.queues = queues;
        this.name = name;
    }

    /** The dead-letter queue's name. */
    public String name() {
        return name;
    }

    /** Answers true when the body is on the dead-letter queue, so the original may be deleted. */
    public boolean move(QueueMessage m, String reason) {
        String why = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
        LOG.warn("message {} goes to dead-letter queue '{}': {}", m.messageId(), name, why);
        try {
            TaskQueue q = queue;
            if (q == null) {
                Optional<TaskQueue> found = queues.find(name);
                if (found.isEmpty()) {
                    LOG.warn("dead-letter queue '{}' does not exist; message {} stays where it is", name,
                            m.messageId());
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
