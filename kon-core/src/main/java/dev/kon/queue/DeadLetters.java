package dev.kon.queue;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages that cannot or will not be processed to a dead-letter queue, with a {@link DeadLetterNote} (the
 * reason, the source queue, when, after how many receives) kept with the message as attributes, and the reason in
 * the log too. A move is a copy: the caller deletes the original only when {@link #move} answers true, so a failed
 * move (the queue missing, the backend failing) leaves the message where it was, and the backend's own redrive
 * (after more receives) or a later try takes it.
 *
 * <p>A message too large to carry its note within the queue's size limit, or bound for a queue that keeps no
 * attributes, is moved without it (said in the log): keeping the message matters more than keeping why.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final QueueService queues;
    private final String name;
    private final Clock clock;
    private volatile TaskQueue queue;

    public DeadLetters(QueueService queues, String name, Clock clock) {
        this.queues = queues;
        this.name = name;
        this.clock = clock;
    }

    /** Dead letters noted with the system clock's time. */
    public DeadLetters(QueueService queues, String name) {
        this(queues, name, Clock.systemUTC());
    }

    /** The dead-letter queue's name. */
    public String name() {
        return name;
    }

    /**
     * Copies the message, taken from {@code source}, to the dead-letter queue with its note; answers true when it
     * is there, so the original may be deleted.
     */
    public boolean move(QueueMessage m, String source, String reason) {
        DeadLetterNote note = new DeadLetterNote(reason, source, clock.instant(), m.receiveCount());
        LOG.warn("message {} from '{}' goes to dead-letter queue '{}': {}", m.messageId(), source, name,
                note.reason());
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
            OutgoingMessage noted = new OutgoingMessage(m.body(), note.toAttributes());
            if (noted.size() > q.limits().maxBodyBytes()) {
                LOG.warn("message {} is too large to carry its reason; moved without it", m.messageId());
                noted = OutgoingMessage.of(m.body());
            }
            try {
                return q.sendMessages(List.of(noted)).allOk();
            } catch (UnsupportedOperationException e) {
                LOG.warn("dead-letter queue '{}' keeps no attributes; message {} is moved without its reason", name,
                        m.messageId());
                return q.send(List.of(m.body())).allOk();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not dead-letter message {}: {}", m.messageId(), e.toString());
            return false;
        }
    }
}
