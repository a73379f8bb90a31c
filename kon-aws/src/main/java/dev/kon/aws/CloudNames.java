package dev.kon.aws;

import dev.kon.queue.QueueSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * The names (and queue settings) of the cloud resources Kon provisions and uses. Immutable; start from
 * {@link #defaults()}.
 *
 * @param taskQueue         the queue clients submit task bundles to (default {@value #DEFAULT_TASK_QUEUE})
 * @param deadLetterQueue   where task messages go after {@code maxReceives} receives (default
 *                          {@value #DEFAULT_DEAD_LETTER_QUEUE})
 * @param ledgerTable       the DynamoDB table of the execution ledger (default {@value #DEFAULT_LEDGER_TABLE})
 * @param bucket            the S3 bucket for blobs (default {@value #DEFAULT_BUCKET}; S3 bucket names are global,
 *                          so on real AWS choose one of your own)
 * @param visibilityTimeout the task queue's visibility timeout (default {@link QueueSpec#DEFAULT_VISIBILITY})
 * @param maxReceives       receives before a task message is dead-lettered (default
 *                          {@link QueueSpec#DEFAULT_MAX_RECEIVES})
 */
public record CloudNames(String taskQueue, String deadLetterQueue, String ledgerTable, String bucket,
                         Duration visibilityTimeout, int maxReceives) {
    public static final String DEFAULT_TASK_QUEUE = "kon-tasks";
    public static final String DEFAULT_DEAD_LETTER_QUEUE = "kon-tasks-dead";
    public static final String DEFAULT_LEDGER_TABLE = "kon-ledger";
    public static final String DEFAULT_BUCKET = "kon-blobs";
    /** Per-run response queues are named with this prefix, so teardown can find and delete them all. */
    public static final String RESPONSE_QUEUE_PREFIX = "kon-resp-";

    public CloudNames {
        Objects.requireNonNull(taskQueue, "taskQueue");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        // QueueSpec checks the names and the queue settings, with messages naming the field
        taskSpec(taskQueue, deadLetterQueue, visibilityTimeout, maxReceives);
        QueueSpec.of(deadLetterQueue);
        if (taskQueue.equals(deadLetterQueue)) {
            throw new IllegalArgumentException("deadLetterQueue must differ from taskQueue, both were '"
                    + taskQueue + "'");
        }
        if (ledgerTable == null || !ledgerTable.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException(
                    "ledgerTable must be 3-255 letters, digits, '_', '-' or '.', was '" + ledgerTable + "'");
        }
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException(
                    "bucket must be 3-63 lower-case letters, digits, '.' or '-', was '" + bucket + "'");
        }
    }

    public static CloudNames defaults() {
        return new CloudNames(DEFAULT_TASK_QUEUE, DEFAULT_DEAD_LETTER_QUEUE, DEFAULT_LEDGER_TABLE, DEFAULT_BUCKET,
                QueueSpec.DEFAULT_VISIBILITY, QueueSpec.DEFAULT_MAX_RECEIVES);
    }

    /** This task queue, with its dead-letter queue named after it ({@link QueueSpec#deadLetterQueueOf}). */
    public CloudNames withTaskQueue(String queue) {
        return new CloudNames(queue, QueueSpec.deadLetterQueueOf(queue), ledgerTable, bucket, visibilityTimeout,
                maxReceives);
    }

    public CloudNames withDeadLetterQueue(String queue) {
        return new CloudNames(taskQueue, queue, ledgerTable, bucket, visibilityTimeout, maxReceives);
    }

    public CloudNames withLedgerTable(String table) {
        return new CloudNames(taskQueue, deadLetterQueue, table, bucket, visibilityTimeout, maxReceives);
    }

    public CloudNames withBucket(String name) {
        return new CloudNames(taskQueue, deadLetterQueue, ledgerTable, name, visibilityTimeout, maxReceives);
    }

    public CloudNames withVisibilityTimeout(Duration timeout) {
        return new CloudNames(taskQueue, deadLetterQueue, ledgerTable, bucket, timeout, maxReceives);
    }

    public CloudNames withMaxReceives(int receives) {
        return new CloudNames(taskQueue, deadLetterQueue, ledgerTable, bucket, visibilityTimeout, receives);
    }

    /** How to create the task queue: visibility timeout and redrive to the dead-letter queue. */
    public QueueSpec taskQueueSpec() {
        return taskSpec(taskQueue, deadLetterQueue, visibilityTimeout, maxReceives);
    }

    /** The task queue's priority queue ({@link QueueSpec#priorityQueueOf}), which requests go to. */
    public String priorityQueue() {
        return QueueSpec.priorityQueueOf(taskQueue);
    }

    /** How to create the priority queue: as the task queue, under its own name. */
    public QueueSpec priorityQueueSpec() {
        return taskQueueSpec().withName(priorityQueue());
    }

    private static QueueSpec taskSpec(String queue, String dead, Duration visibility, int receives) {
        return QueueSpec.of(queue).withVisibilityTimeout(visibility).withDeadLetterQueue(dead, receives);
    }

    /** The DynamoDB table of the run registry: the ledger table's name with {@code -runs} added. */
    public String runsTable() {
        return ledgerTable + "-runs";
    }

    /** The DynamoDB table of the worker registry: the ledger table's name with {@code -workers} added. */
    public String workersTable() {
        return ledgerTable + "-workers";
    }
}
