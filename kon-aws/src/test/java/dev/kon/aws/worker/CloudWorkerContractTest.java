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
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine's guarantees on SQS, DynamoDB and S3 (the local cloud): the same suite as in memory. */
@ExtendWith(LocalCloudExtension.class)
class CloudWorkerContractTest extends WorkerContract {
    private static Backend backend;

    @BeforeAll
    static void createBackend(AwsClients clients) {
        LedgerTable.create(clients.dynamoDb(), "worker-contract-ledger");
        S3Buckets.create(clients.s3(), "worker-contract");
        backend = new Backend(new SqsQueueService(clients.sqs()),
                new DynamoDbExecutionLedger(clients.dynamoDb(), "worker-contract-ledger", Clock.systemUTC()),
                new S3BlobStore(clients.s3(), clients.s3Presigner(), "worker-contract"));
    }

    @Override
    protected Backend backend() {
        return backend;
    }

    /**
     * Its ledger counts nowhere: with a runs table, the completions of three workers on one run meet on the run's
     * record and slow down enough for 3 s leases to be lost (the DynamoDB run registry's own suite checks the
     * counts, dead-lettered bundles' included).
     */
    @Override
    protected boolean countsRuns() {
        return false;
    }
}
