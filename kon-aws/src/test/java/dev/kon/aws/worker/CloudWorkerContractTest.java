package dev.kon.aws.worker;

import dev.kon.Backend;
import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.aws.blob.S3BlobStore;
import dev.kon.aws.blob.S3Buckets;
import dev.kon.aws.ledger.DynamoDbExecutionLedger;
import dev.kon.aws.ledger.LedgerTable;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.testkit.WorkerContract;
import dev.kon.aws.runs.DynamoDbRunRegistry;
import dev.kon.aws.runs.RunsTable;
import dev.kon.runs.RunRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine's guarantees on SQS, DynamoDB and S3 (the local cloud): the same suite as in memory. */
@ExtendWith(LocalCloudExtension.class)
class CloudWorkerContractTest extends WorkerContract {
    private static Backend backend;

    @BeforeAll
    static void createBackend(AwsClients clients) {
        LedgerTable.create(clients.dynamoDb(), "worker-contract-ledger");
        RunsTable.create(clients.dynamoDb(), "worker-contract-runs");
        S3Buckets.create(clients.s3(), "worker-contract");
        Duration retention = RunRegistry.DEFAULT_RETENTION;
        backend = new Backend(new SqsQueueService(clients.sqs()),
                new DynamoDbExecutionLedger(clients.dynamoDb(), "worker-contract-ledger", Clock.systemUTC(),
                        "worker-contract-runs", retention),
                new S3BlobStore(clients.s3(), clients.s3Presigner(), "worker-contract"),
                new DynamoDbRunRegistry(clients.dynamoDb(), "worker-contract-runs", Clock.systemUTC(), retention));
    }

    @Override
    protected Backend backend() {
        return backend;
    }
}
