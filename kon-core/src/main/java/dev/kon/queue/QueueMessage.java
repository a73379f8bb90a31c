package dev.kon.queue;

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
    private final String messageId;
    private final String receipt;
    private final int receiveCount;
    private final Object payload;
    private final Function<Object, String> encoder;
    private volatile String body;

    /**
     * @param messageId    the backend's id of the message, stable across deliveries
     * @param receipt      the handle of this delivery, needed to acknowledge it or extend its visibility
     * @param body         the body as sent
     * @param receiveCount how many times it has been delivered, this delivery included (1 the first time)
     */
    public QueueMessage(String messageId, String receipt, String body, int receiveCount) {
        this(messageId, receipt, Objects.requireNonNull(body, "body"), null, null, receiveCount);
    }

    private QueueMessage(String messageId, String receipt, String body, Object payload,
            Function<Object, String> encoder, int receiveCount) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.receipt = Objects.requireNonNull(receipt, "receipt");
        this.body = body;
        this.payload = payload;
        this.encoder = encoder;
        this.receiveCount = receiveCount;
    }

    /** A message whose body is the object, encoded only on demand (in-process backends). */
    public static <T> QueueMessage ofPayload(String messageId, String receipt, T payload,
            Function<? super T, String> encoder, int receiveCount) {
        @SuppressWarnings("unchecked")
        Function<Object, String> enc = (Function<Object, String>) encoder;
        return new QueueMessage(messageId, receipt, null, Objects.requireNonNull(payload, "payload"), enc,
                receiveCount);
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

    @Override
    public String toString() {
        return "QueueMessage[" + messageId + ", receives=" + receiveCount + "]";
    }
}
