package dev.kon.cli;

import dev.kon.Backend;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.blob.S3BlobStore;
import dev.kon.aws.ledger.DynamoDbExecutionLedger;
import dev.kon.aws.queue.SqsQueueService;
import java.time.Clock;

/** The AWS clients and the {@link Backend} built on them, for one command; closes the clients. */
final class CloudContext implements AutoCloseable {
    final AwsClients clients;
    final CloudNames names;
    final Backend backend;

    private CloudContext(AwsClients clients, CloudNames names) {
        this.clients = clients;
        this.names = names;
        this.backend = new Backend(new SqsQueueService(clients.sqs()),
                new DynamoDbExecutionLedger(clients.dynamoDb(), names.ledgerTable(), Clock.systemUTC()),
                new S3BlobStore(clients.s3(), clients.s3Presigner(), names.bucket()));
    }

    static CloudContext open(CloudOptions options) {
        return new CloudContext(AwsClients.create(options.settings()), options.names());
    }

    @Override
    public void close() {
        clients.close();
    }
}
