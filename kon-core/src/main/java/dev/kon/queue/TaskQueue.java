package dev.kon.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A message queue with SQS semantics, used both for task bundles and for results.
 *
 * <p>Delivery is at least once: a received message stays on the queue, invisible for the queue's visibility
 * timeout, until it is {@linkplain #acknowledge acknowledged}; if it is not, it becomes visible again and is
 * delivered again with a higher {@link QueueMessage#receiveCount()}. Order is not guaranteed.
 *
 * <p>Thread-safety: every method may be called from many threads at once. Only {@link #receive} reacts to an
 * interrupt (it returns early); the other calls complete, so a stopping worker still finishes its writes.
 *
 * <p>Failure behaviour: batch calls answer per entry (a {@link BatchResult}); the whole call throws
 * {@link QueueException} only when the queue cannot be reached at all, or {@link QueueNotFoundException} when it
 * does not exist.
 */
public interface TaskQueue {

    /** The queue's name (not its URL). */
    String name();

    /** Size limits of this backend: entries per batch call and bytes per message body. */
    QueueLimits limits();

    /**
     * Sends up to {@link QueueLimits#maxBatch()} message bodies in one call.
     *
     * @param bodies UTF-8 text, each at most {@link QueueLimits#maxBodyBytes()} bytes
     * @return which entries failed, by index into {@code bodies}
     */
    BatchResult send(List<String> bodies);

    /**
     * Sends objects with the encoder that turns each into a body. A backend that crosses a process boundary sends
     * the encoded texts (this default); an in-process backend may keep the objects as they are, skipping the
     * encoding, and hand them back as {@link QueueMessage#payload()}. Same limits as {@link #send}.
     */
    default <T> BatchResult sendObjects(List<T> objects, Function<? super T, String> encoder) {
        if (objects.isEmpty()) {
            return BatchResult.ok();
        }
        List<String> bodies = new ArrayList<>(objects.size());
        for (T o : objects) {
            bodies.add(encoder.apply(o));
        }
        // A batch call also has a size limit in all: split where the encoded bodies would pass it.
        List<BatchResult.Failure> failures = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i <= bodies.size(); i++) {
            int size = i < bodies.size() ? QueueLimits.utf8Length(bodies.get(i)) : 0;
            if (i == bodies.size() || i > from && bytes + size > limits().maxBodyBytes()) {
                BatchResult r = send(bodies.subList(from, i));
                for (BatchResult.Failure f : r.failures()) {
                    failures.add(new BatchResult.Failure(from + f.index(), f.reason()));
                }
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        return new BatchResult(failures);
    }

    /**
     * Sends up to {@link QueueLimits#maxBatch()} messages with attributes (what a dead-letter queue keeps beside a
     * message: why and whence it was moved). Each message, attributes included ({@link OutgoingMessage#size()}),
     * must fit {@link QueueLimits#maxBodyBytes()}; one that does not fails its entry. Receivers see the attributes
     * as {@link QueueMessage#attributes()}.
     *
     * <p>This default serves backends that keep no attributes: it sends messages without attributes as
     * {@link #send} does and refuses the others.
     *
     * @throws UnsupportedOperationException when a message has attributes and the backend keeps none
     */
    default BatchResult sendMessages(List<OutgoingMessage> messages) {
        List<String> bodies = new ArrayList<>(messages.size());
        for (OutgoingMessage m : messages) {
            if (!m.attributes().isEmpty()) {
                throw new UnsupportedOperationException("queue '" + name() + "' keeps no message attributes");
            }
            bodies.add(m.body());
        }
        return send(bodies);
    }

    /**
     * Receives up to {@code max} messages, waiting up to {@code wait} for the first one to arrive (long polling: no
     * busy loop). Returns an empty list when nothing arrived in time, or early when the calling thread is
     * interrupted.
     *
     * @param max  1 to {@link QueueLimits#maxBatch()}
     * @param wait 0 to 20 seconds (SQS counts whole seconds)
     */
    List<QueueMessage> receive(int max, Duration wait);

    /**
     * Deletes received messages for good (up to {@link QueueLimits#maxBatch()}). A receipt from an earlier delivery
     * of a message delivered again since may fail its entry or succeed, depending on the backend (SQS is lenient).
     */
    BatchResult acknowledge(List<QueueMessage> messages);

    /**
     * Keeps received messages invisible for {@code timeout} from now (the heartbeat of a long task); a timeout of
     * zero makes them visible again at once.
     */
    BatchResult extendVisibility(List<QueueMessage> messages, Duration timeout);

    /** Approximate counts, as SQS reports them; may lag behind by a second or so. */
    QueueDepth depth();
}
