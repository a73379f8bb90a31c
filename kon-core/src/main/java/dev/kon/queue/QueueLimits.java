package dev.kon.queue;

/**
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
}
