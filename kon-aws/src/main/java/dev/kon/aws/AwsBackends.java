package dev.kon.aws;

import dev.kon.Backend;
import dev.kon.aws.blob.S3BlobStore;
import dev.kon.aws.ledger.DynamoDbExecutionLedger;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.aws.runs.DynamoDbRunRegistry;
import dev.kon.aws.workers.DynamoDbWorkerRegistry;
import dev.kon.runs.RunRegistry;
import dev.kon.workers.WorkerRegistry;
import java.time.Clock;

/** The {@link Backend} of SQS, DynamoDB and S3 for a set of resource names. */
public final class AwsBackends {
    private AwsBackends() {
    }

    /**
     * Queues on SQS, the ledger in {@code names.ledgerTable()} counting into the run registry in
     * {@code names.runsTable()}, workers' heartbeats in {@code names.workersTable()}, blobs in {@code names.bucket()};
     * clients stay the caller's. The ledger, the blob store and the registries, and their clients, are built on
     * their first call: a client that only sends requests
     * and reads answers never needs them.
     */
    public static Backend create(AwsClients clients, CloudNames names, Clock clock) {
        return new Backend(new SqsQueueService(clients.sqs()),
                new LedgerOnFirstUse(() -> new DynamoDbExecutionLedger(clients.dynamoDb(), names.ledgerTable(), clock,
                        names.runsTable(), RunRegistry.DEFAULT_RETENTION)),
                new BlobStoreOnFirstUse(() -> new S3BlobStore(clients.s3(), clients.s3Presigner(), names.bucket())),
                new RunsOnFirstUse(() -> new DynamoDbRunRegistry(clients.dynamoDb(), names.runsTable(), clock,
                        RunRegistry.DEFAULT_RETENTION)),
                new WorkersOnFirstUse(() -> new DynamoDbWorkerRegistry(clients.dynamoDb(), names.workersTable(), clock,
                        WorkerRegistry.RETENTION)));
    }
}
