package dev.kon.aws;

import dev.kon.Backend;
import dev.kon.api.KonSettings;
import java.time.Clock;
import java.util.Objects;

/**
 * The library API's way to the cloud: {@link KonSettings} for SQS, DynamoDB and S3, either the local cloud
 * ({@code kon cloud start}, or {@code LocalCloud} started in the caller's process) or AWS. Each client opened on
 * them builds its own AWS clients, on first use, and closes them when it closes.
 *
 * <pre>{@code
 * try (Kon kon = Kon.open(KonCloud.fromEnvironment())) { ... }       // AWS_REGION, AWS_ENDPOINT_URL_*, ...
 * }</pre>
 *
 * <p>The queues, table and bucket must exist ({@code kon cloud provision}, or {@link CloudProvisioner}).
 */
public final class KonCloud {
    private KonCloud() {
    }

    /** The resources named by {@code names}, reached as {@code aws} says. */
    public static KonSettings settings(AwsSettings aws, CloudNames names) {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(names, "names");
        return new KonSettings(() -> {
            AwsClients clients = AwsClients.create(aws);
            Backend backend = AwsBackends.create(clients, names, Clock.systemUTC());
            return new KonSettings.Connection(backend, clients);
        }, names.taskQueue());
    }

    /**
     * The default resource names, reached as the AWS SDKs and CLI read the environment (see
     * {@link AwsSettings#fromEnvironment()}): after {@code source .kon/cloud.env}, the local cloud.
     */
    public static KonSettings fromEnvironment() {
        return settings(AwsSettings.fromEnvironment(), CloudNames.defaults());
    }
}
