package dev.kon.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How to create a queue.
 *
 * @param name              queue name: letters, digits, '-' and '_', at most 80 characters (the SQS rule)
 * @param visibilityTimeout how long a received message stays invisible before it is delivered again
 * @param deadLetterQueue   name of the queue that takes messages received {@code maxReceives} times, or null
 * @param maxReceives       receives after which the backend moves a message to the dead-letter queue
 */
public record QueueSpec(String name, Duration visibilityTimeout, String deadLetterQueue, int maxReceives) {
    /** Default visibility timeout: long enough for a heartbeat (every third of it) to be late once. */
    public static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(30);
    /** Default receives before the backend dead-letters a message; workers give up earlier (see WorkerConfig). */
    public static final int DEFAULT_MAX_RECEIVES = 8;

    public QueueSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
            throw new IllegalArgumentException(
                    "queue name must be 1-80 letters, digits, '-' or '_', was '" + name + "'");
        }
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
            throw new IllegalArgumentException("visibilityTimeout must be > 0s, was " + visibilityTimeout.toSeconds() + "s");
        }
        if (maxReceives < 1) {
            throw new IllegalArgumentException("maxReceives must be >= 1, was " + maxReceives);
        }
    }

    /**
     * The name of a task queue's dead-letter queue: {@code TASKQUEUE-dead}. Malformed and poison task messages go
     * there, and so do unreadable result messages of the runs on that queue.
     */
    public static String deadLetterQueueOf(String taskQueue) {
        return taskQueue + "-dead";
    }

    /**
     * The name of a task queue's priority queue: {@code TASKQUEUE-priority}. Interactive requests (CloudCal,
     * CloudPic, Animoto sessions) go there, and workers serve it before the task queue, so a request does not wait
     * behind a bulk run.
     */
    public static String priorityQueueOf(String taskQueue) {
        return taskQueue + "-priority";
    }

    /** The same queue settings under another name (a task queue's priority queue takes the task queue's). */
    public QueueSpec withName(String other) {
        return new QueueSpec(other, visibilityTimeout, deadLetterQueue, maxReceives);
    }

    /** A plain queue with the default visibility timeout and no dead-letter queue. */
    public static QueueSpec of(String name) {
        return new QueueSpec(name, DEFAULT_VISIBILITY, null, DEFAULT_MAX_RECEIVES);
    }

    public QueueSpec withVisibilityTimeout(Duration timeout) {
        return new QueueSpec(name, timeout, deadLetterQueue, maxReceives);
    }

    public QueueSpec withDeadLetterQueue(String dlq, int receives) {
        return new QueueSpec(name, visibilityTimeout, dlq, receives);
    }
}
