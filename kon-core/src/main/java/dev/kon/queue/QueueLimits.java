package dev.kon.queue;

/**
 * Size limits of a queue backend. Immutable.
 *
 * @param maxBatch     entries per send, acknowledge or visibility call (SQS: 10)
 * @param maxBodyBytes bytes per message body (SQS: 262,144)
 */
public record QueueLimits(int maxBatch, int maxBodyBytes) {
    /** The limits of Amazon SQS standard queues, which Kon keeps to on every backend. */
    public static final QueueLimits SQS = new QueueLimits(10, 262_144);

    public QueueLimits {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1024 bytes, was " + maxBodyBytes);
        }
    }

    /**
     * The bytes {@code body} counts against {@link #maxBodyBytes}: its UTF-8 length, counted without encoding it.
     * A surrogate pair counts 4 bytes.
     */
    public static int utf8Length(String body) {
        int n = 0;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
