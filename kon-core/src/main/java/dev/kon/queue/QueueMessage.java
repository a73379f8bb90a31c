package dev.kon.queue;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A received message. Immutable and thread-safe.
 *
 * <p>A message sent with {@link TaskQueue#sendObjects} through an in-process backend carries the sent object as
 * its {@link #payload()} and encodes its {@link #body()} only if someone asks; every other message has a text
 * body and no payload.
 */
public final class QueueMessage {
    /** {@link #sentAtMillis()} of a message whose queue does not say when it was sent. */
    public static final long SENT_UNKNOWN = -1;
    private final String messageId;
    private final String receipt;
    private final int receiveCount;
    private final long sentAtMillis;
    private final Object payload;
    private final Function<Object, String> encoder;
    private final Map<String, String> attributes;
    private volatile String body;

    /**
     * @param messageId    the backend's id of the message, stable across deliveries
     * @param receipt      the handle of this delivery, needed to acknowledge it or extend its visibility
     * @param body         the body as sent
     * @param receiveCount how many times it has been delivered, this delivery included (1 the first time)
     */
    public QueueMessage(String messageId, String receipt, String body, int receiveCount) {
        this(messageId, receipt, body, receiveCount, SENT_UNKNOWN);
    }

    /**
     * As {@link #QueueMessage(String, String, String, int)}, with when the queue accepted the message (epoch
     * milliseconds by the queue's clock, {@link #SENT_UNKNOWN} if it does not say).
     */
    public QueueMessage(String messageId, String receipt, String body, int receiveCount, long sentAtMillis) {
        this(messageId, receipt, body, receiveCount, sentAtMillis, Map.of());
    }

    /**
     * As {@link #QueueMessage(String, String, String, int, long)}, with the attributes it was sent with (see
     * {@link TaskQueue#sendMessages}).
     */
    public QueueMessage(String messageId, String receipt, String body, int receiveCount, long sentAtMillis,
            Map<String, String> attributes) {
        this(messageId, receipt, Objects.requireNonNull(body, "body"), null, null, receiveCount, sentAtMillis,
                Map.copyOf(attributes));
    }

    private QueueMessage(String messageId, String receipt, String body, Object payload,
            Function<Object, String> encoder, int receiveCount, long sentAtMillis, Map<String, String> attributes) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.receipt = Objects.requireNonNull(receipt, "receipt");
        this.body = body;
        this.payload = payload;
        this.encoder = encoder;
        this.receiveCount = receiveCount;
        this.sentAtMillis = sentAtMillis;
        this.attributes = attributes;
    }

    /** A message whose body is the object, encoded only on demand (in-process backends). */
    public static <T> QueueMessage ofPayload(String messageId, String receipt, T payload,
            Function<? super T, String> encoder, int receiveCount) {
        return ofPayload(messageId, receipt, payload, encoder, receiveCount, SENT_UNKNOWN);
    }

    /** As {@link #ofPayload(String, String, Object, Function, int)}, with when the queue accepted it. */
    public static <T> QueueMessage ofPayload(String messageId, String receipt, T payload,
            Function<? super T, String> encoder, int receiveCount, long sentAtMillis) {
        @SuppressWarnings("unchecked")
        Function<Object, String> enc = (Function<Object, String>) encoder;
        return new QueueMessage(messageId, receipt, null, Objects.requireNonNull(payload, "payload"), enc,
                receiveCount, sentAtMillis, Map.of());
    }

    public String messageId() {
        return messageId;
    }

    public String receipt() {
        return receipt;
    }

    /** The body text; for a payload message, its encoding (made once, on first call). */
    public String body() {
        String b = body;
        if (b == null) {
            b = body = encoder.apply(payload);
        }
        return b;
    }

    /** The object sent, when an in-process backend passed it through; else null. */
    public Object payload() {
        return payload;
    }

    public int receiveCount() {
        return receiveCount;
    }

    /**
     * When the queue accepted the message, in epoch milliseconds by the queue's clock (SQS's
     * {@code SentTimestamp}); the first send for a message delivered again. {@link #SENT_UNKNOWN} when the queue
     * does not say.
     */
    public long sentAtMillis() {
        return sentAtMillis;
    }

    /** The attributes it was sent with; empty when none (and always for {@link #payload()} messages). */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "QueueMessage[" + messageId + ", receives=" + receiveCount + "]";
    }
}
