package dev.kon.queue;

import java.util.Map;
import java.util.Objects;

/**
 * A message to send with attributes beside its body (see {@link TaskQueue#sendMessages}). Immutable.
 *
 * @param body       UTF-8 text; with the attributes, at most {@link QueueLimits#maxBodyBytes()} bytes (see
 *                   {@link #size()})
 * @param attributes names and text values; names are letters, digits, '-', '_' and '.', at most
 *                   {@value #MAX_NAME} characters, at most {@value #MAX_ATTRIBUTES} of them (the SQS rules)
 */
public record OutgoingMessage(String body, Map<String, String> attributes) {
    /** Attributes per message at most (SQS: 10). */
    public static final int MAX_ATTRIBUTES = 10;
    /** Characters per attribute name at most. */
    public static final int MAX_NAME = 256;
    /** What SQS counts for an attribute's data type ("String") beside its name and value. */
    private static final int TYPE_BYTES = "String".length();

    public OutgoingMessage {
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("attributes must be at most " + MAX_ATTRIBUTES + ", were "
                    + attributes.size());
        }
        for (String name : attributes.keySet()) {
            if (!name.matches("[A-Za-z0-9_.-]{1," + MAX_NAME + "}") || name.startsWith(".") || name.endsWith(".")
                    || name.contains("..")) {
                throw new IllegalArgumentException("attribute name must be 1-" + MAX_NAME + " letters, digits, "
                        + "'-', '_' or '.' (not at an end, not two in a row), was '" + dev.kon.task.UserText.excerpt(name) + "'");
            }
        }
    }

    /** A message with a body only. */
    public static OutgoingMessage of(String body) {
        return new OutgoingMessage(body, Map.of());
    }

    /** The bytes the message counts against {@link QueueLimits#maxBodyBytes()}: body and attributes, as SQS counts. */
    public int size() {
        int n = QueueLimits.utf8Length(body);
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            n += QueueLimits.utf8Length(a.getKey()) + QueueLimits.utf8Length(a.getValue()) + TYPE_BYTES;
        }
        return n;
    }
}
