package dev.kon.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead-letter queue as an operator sees it: list what it holds, send messages back where they came from, empty
 * it. Behind {@code kon dlq}.
 *
 * <p>A queue has no "peek": messages are listed by receiving them, which hides each for the queue's visibility
 * timeout; a listing makes them visible again before it answers. A listing that takes longer than the visibility
 * timeout may meet a message twice and shows it once (by message id). Receiving raises a message's receive count
 * on the dead-letter queue, which has no redrive of its own, so nothing happens to it.
 *
 * <p>A redrive sends the body back to the queue its {@link DeadLetterNote} names (else the default source: the
 * task queue the dead-letter queue belongs to), without the note, and deletes it from the dead-letter queue only
 * once that send succeeded: a failure leaves it where it is.
 *
 * <p>Thread-safety: not thread-safe; one per command.
 */
public final class DeadLetterQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);
    /** How long a receive waits for more; long polling asks every server, so an empty answer means empty. */
    private static final Duration WAIT = Duration.ofSeconds(1);
    private final QueueService queues;
    private final TaskQueue queue;
    private final String defaultSource;

    /**
     * @param queues        where the source queues are found
     * @param queue         the dead-letter queue
     * @param defaultSource where a message without a note goes back to (the task queue)
     */
    public DeadLetterQueue(QueueService queues, TaskQueue queue, String defaultSource) {
        this.queues = queues;
        this.queue = queue;
        this.defaultSource = defaultSource;
    }

    /** The dead-letter queue's name. */
    public String name() {
        return queue.name();
    }

    /** Where {@code m} goes back to on a redrive: the queue its note names, else the default source. */
    public String sourceOf(QueueMessage m) {
        return DeadLetterNote.of(m).map(DeadLetterNote::sourceQueue).orElse(defaultSource);
    }

    /** Up to {@code max} messages, each once, visible again when this returns. */
    public List<QueueMessage> list(int max) {
        List<QueueMessage> seen = receiveAll(m -> true, max);
        release(seen);
        return seen;
    }

    /** The message with this id, if the queue holds it; visible again when this returns. */
    public Optional<QueueMessage> find(String messageId) {
        List<QueueMessage> found = receiveAll(m -> m.messageId().equals(messageId), 1);
        release(found);
        return found.stream().findFirst();
    }

    /** What a redrive did, by message id. */
    public record Redrive(List<String> moved, Map<String, String> failed) {
    }

    /**
     * Sends the messages {@code which} picks back to their source queues, and deletes each from this queue once
     * it is there. Every message is looked at once; the others are made visible again.
     */
    public Redrive redrive(Predicate<QueueMessage> which) {
        List<QueueMessage> picked = receiveAll(which, Integer.MAX_VALUE);
        List<String> moved = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        List<QueueMessage> stay = new ArrayList<>();
        for (QueueMessage m : picked) {
            String source = sourceOf(m);
            String why = sendBack(m, source);
            if (why == null && queue.acknowledge(List.of(m)).allOk()) {
                moved.add(m.messageId());
            } else if (why == null) {
                // Sent but not deleted: it will be listed again, and its bundle is run at most once (ledger).
                failed.put(m.messageId(), "sent back to '" + source + "' but not deleted from '" + name() + "'");
            } else {
                failed.put(m.messageId(), why);
                stay.add(m);
            }
        }
        release(stay);
        return new Redrive(moved, failed);
    }

    /** Deletes every message; answers how many. */
    public int purge() {
        int deleted = 0;
        Set<String> ids = new HashSet<>();
        while (true) {
            List<QueueMessage> got = queue.receive(queue.limits().maxBatch(), WAIT);
            if (got.isEmpty()) {
                return deleted;
            }
            BatchResult r = queue.acknowledge(got);
            for (int i = 0; i < got.size(); i++) {
                int index = i;
                if (r.failures().stream().noneMatch(f -> f.index() == index) && ids.add(got.get(i).messageId())) {
                    deleted++;
                }
            }
        }
    }

    /** Null when sent, else why not. */
    private String sendBack(QueueMessage m, String source) {
        try {
            Optional<TaskQueue> target = queues.find(source);
            if (target.isEmpty()) {
                return "its source queue '" + source + "' no longer exists";
            }
            BatchResult r = target.get().send(List.of(m.body()));
            return r.allOk() ? null : "sending it to '" + source + "' failed: " + r.failures().get(0).reason();
        } catch (QueueException e) {
            return "sending it to '" + source + "' failed: " + e.getMessage();
        }
    }

    /**
     * Receives until the queue answers nothing new, and answers the messages {@code which} picks (up to
     * {@code max}), still hidden. The others are made visible again only once the scan is over, so it does not
     * meet them again.
     */
    private List<QueueMessage> receiveAll(Predicate<QueueMessage> which, int max) {
        List<QueueMessage> kept = new ArrayList<>();
        List<QueueMessage> others = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try {
            while (kept.size() < max) {
                List<QueueMessage> got = queue.receive(queue.limits().maxBatch(), WAIT);
                boolean fresh = false;
                for (QueueMessage m : got) {
                    if (!ids.add(m.messageId())) {
                        others.add(m);
                        continue;
                    }
                    fresh = true;
                    (kept.size() < max && which.test(m) ? kept : others).add(m);
                }
                if (!fresh) {
                    break;
                }
            }
        } finally {
            release(others);
        }
        return kept;
    }

    /** Makes the messages visible again at once. */
    private void release(List<QueueMessage> messages) {
        int max = queue.limits().maxBatch();
        for (int i = 0; i < messages.size(); i += max) {
            try {
                queue.extendVisibility(messages.subList(i, Math.min(messages.size(), i + max)), Duration.ZERO);
            } catch (RuntimeException e) {
                // They become visible after the visibility timeout instead.
                LOG.debug("making {} dead letters visible again failed: {}", messages.size(), e.toString());
            }
        }
    }
}
