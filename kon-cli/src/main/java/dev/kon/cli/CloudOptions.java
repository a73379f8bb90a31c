package dev.kon.cli;

import dev.kon.aws.AwsClients;
import dev.kon.aws.AwsSettings;
import dev.kon.aws.CloudNames;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Where the cloud is and what its resources are called; shared by every command that talks to SQS, DynamoDB and
 * S3. Endpoints, region and credentials come from the standard AWS variables and profiles unless given here.
 */
final class CloudOptions {
    @Option(names = "--queue", paramLabel = "NAME", defaultValue = CloudNames.DEFAULT_TASK_QUEUE,
            description = "Task queue name (default: ${DEFAULT-VALUE}); its dead-letter queue is NAME-dead.")
    String queue;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = CloudNames.DEFAULT_LEDGER_TABLE,
            description = "DynamoDB ledger table (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--bucket", paramLabel = "NAME", defaultValue = CloudNames.DEFAULT_BUCKET,
            description = "S3 bucket for task data and run records (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: AWS_REGION or your profile's region).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "One endpoint for all three services (default: AWS_ENDPOINT_URL*, else real AWS).")
    URI endpoint;

    CloudNames names() {
        // withTaskQueue names the dead-letter queue after the task queue (QueueSpec.deadLetterQueueOf)
        return CloudNames.defaults().withTaskQueue(queue).withLedgerTable(table).withBucket(bucket);
    }

    AwsSettings settings() {
        AwsSettings s = region != null && endpoint != null ? AwsSettings.of(region)
                : AwsSettings.fromEnvironment(region);
        return endpoint != null ? s.withEndpoints(endpoint, endpoint, endpoint) : s;
    }

    /**
     * The clients for {@link #settings()}, once every endpoint on this machine is known to listen: a stopped local
     * cloud is reported at once, not after the SDK's retries.
     */
    AwsClients clients() {
        AwsSettings s = settings();
        LoopbackEndpoints.requireListening(s);
        return AwsClients.create(s);
    }
}
