package dev.kon.queue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why and whence Kon moved a message to a dead-letter queue, kept with the message as attributes so that
 * {@code kon dlq show} can tell and {@code kon dlq redrive} knows where it goes back to. Immutable.
 *
 * <p>Sizes are bounded so the note costs a message at most about 600 bytes: the reason is cut to
 * {@value #MAX_REASON} characters, the source queue is a queue name (at most 80).
 *
 * @param reason       why it was moved, at most {@value #MAX_REASON} characters
 * @param sourceQueue  the queue it was taken from, where a redrive sends it back
 * @param movedAt      when it was moved
 * @param receiveCount its receives on the source queue when it was moved
 */
public record DeadLetterNote(String reason, String sourceQueue, Instant movedAt, int receiveCount) {
    /** Longest reason kept, in characters. */
    public static final int MAX_REASON = 300;
    static final String REASON = "kon-reason";
    static final String SOURCE = "kon-source";
    static final String MOVED_AT = "kon-moved-at";
    static final String RECEIVES = "kon-receives";

    public DeadLetterNote {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sourceQueue, "sourceQueue");
        Objects.requireNonNull(movedAt, "movedAt");
        if (reason.length() > MAX_REASON) {
            int cut = Character.isHighSurrogate(reason.charAt(MAX_REASON - 4)) ? MAX_REASON - 4 : MAX_REASON - 3;
            reason = reason.substring(0, cut) + "...";
        }
        QueueSpec.of(sourceQueue);
    }

    /** The note as message attributes. */
    public Map<String, String> toAttributes() {
        return Map.of(REASON, reason, SOURCE, sourceQueue, MOVED_AT, movedAt.toString(), RECEIVES,
                Integer.toString(receiveCount));
    }

    /**
     * The note a dead-lettered message carries; empty when it carries none or a garbled one (a message the queue
     * moved itself after too many receives, or one moved by an older Kon).
     */
    public static Optional<DeadLetterNote> of(QueueMessage m) {
        Map<String, String> a = m.attributes();
        String reason = a.get(REASON);
        String source = a.get(SOURCE);
        String moved = a.get(MOVED_AT);
        String receives = a.get(RECEIVES);
        if (reason == null || source == null || moved == null || receives == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeadLetterNote(reason, source, Instant.parse(moved), Integer.parseInt(receives)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
