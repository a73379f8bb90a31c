package dev.kon.aws;

import dev.kon.aws.blob.S3Buckets;
import dev.kon.aws.ledger.LedgerTable;
import dev.kon.aws.runs.RunsTable;
import dev.kon.aws.workers.WorkersTable;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.queue.TaskQueue;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates, inspects and deletes the cloud resources Kon runs on: the task queue with its dead-letter queue and
 * redrive policy, the ledger, runs and workers tables with TTL, and the blob bucket. Behind {@code kon cloud provision},
 * {@code kon cloud status} and {@code kon cloud teardown}.
 *
 * <p>{@link #provision()} and {@link #teardown()} are idempotent: each creates or deletes what is missing or
 * present and leaves the rest. Teardown also deletes the per-run response queues
 * ({@value CloudNames#RESPONSE_QUEUE_PREFIX}...), and every object in the bucket.
 *
 * <p>Thread-safety: safe to call from one thread at a time; two processes provisioning at once converge.
 * Failure behaviour: the adapters' exceptions ({@code QueueException}, {@code LedgerException},
 * {@code BlobException}), each naming the resource.
 */
public final class CloudProvisioner {
    private final AwsClients clients;
    private final CloudNames names;

    public CloudProvisioner(AwsClients clients, CloudNames names) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.names = Objects.requireNonNull(names, "names");
    }

    public CloudNames names() {
        return names;
    }

    /** Creates whatever is missing; returns the status afterwards. */
    public CloudStatus provision() {
        try (SqsQueueService queues = new SqsQueueService(clients.sqs())) {
            queues.create(names.taskQueueSpec());
            queues.create(names.priorityQueueSpec());
        }
        LedgerTable.create(clients.dynamoDb(), names.ledgerTable());
        RunsTable.create(clients.dynamoDb(), names.runsTable());
        WorkersTable.create(clients.dynamoDb(), names.workersTable());
        S3Buckets.create(clients.s3(), names.bucket());
        return status();
    }

    /** Deletes the queues (response queues too), the table, and the bucket with its objects. */
    public void teardown() {
        try (SqsQueueService queues = new SqsQueueService(clients.sqs())) {
            for (String response : queues.namesStartingWith(CloudNames.RESPONSE_QUEUE_PREFIX)) {
                queues.delete(response);
            }
            queues.delete(names.taskQueue());
            queues.delete(names.priorityQueue());
            queues.delete(names.deadLetterQueue());
        }
        LedgerTable.delete(clients.dynamoDb(), names.ledgerTable());
        RunsTable.delete(clients.dynamoDb(), names.runsTable());
        WorkersTable.delete(clients.dynamoDb(), names.workersTable());
        S3Buckets.delete(clients.s3(), names.bucket());
    }

    /** What exists now, with queue depths. */
    public CloudStatus status() {
        try (SqsQueueService queues = new SqsQueueService(clients.sqs())) {
            return new CloudStatus(queueStatus(queues, names.taskQueue()),
                    queueStatus(queues, names.priorityQueue()),
                    queueStatus(queues, names.deadLetterQueue()),
                    queues.namesStartingWith(CloudNames.RESPONSE_QUEUE_PREFIX),
                    new CloudStatus.Resource(names.ledgerTable(),
                            LedgerTable.exists(clients.dynamoDb(), names.ledgerTable())),
                    new CloudStatus.Resource(names.runsTable(),
                            RunsTable.exists(clients.dynamoDb(), names.runsTable())),
                    new CloudStatus.Resource(names.workersTable(),
                            WorkersTable.exists(clients.dynamoDb(), names.workersTable())),
                    new CloudStatus.Resource(names.bucket(), S3Buckets.exists(clients.s3(), names.bucket())));
        }
    }

    private static CloudStatus.QueueStatus queueStatus(SqsQueueService queues, String name) {
        Optional<TaskQueue> queue = queues.find(name);
        return new CloudStatus.QueueStatus(name, queue.isPresent(), queue.map(TaskQueue::depth).orElse(null));
    }
}
