package dev.kon.queue;

import java.util.Objects;

/**
 * A received message.
 *
 * @param messageId    the backend's id of the message, stable across deliveries
 * @param receipt      the handle of this delivery, needed to acknowledge it or extend its visibility
 * @param body         the body as sent
 * @param receiveCount how many times it has been delivered, this delivery included (1 the first time)
 */
public record QueueMessage(String messageId, String receipt, String body, int receiveCount) {
    public QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(body, "body");
    }
}
