package dev.kon.aws;

import dev.kon.aws.usage.UsageFile;
import dev.kon.aws.usage.UsageMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients Kon uses, built once from {@link AwsSettings} and shared by every adapter of a process.
 *
 * <p>Each client has its own Apache HTTP connection pool of {@link #MAX_CONNECTIONS}, enough for the worker
 * threads, pollers and flushers of one process to call at once. The socket timeout is above SQS's 20 s long poll.
 *
 * <p>Usage: given a {@link UsageMeter}, every SQS, DynamoDB and S3 call is counted on it (what it would be billed
 * on AWS). Without one, the process's meter is used when {@value UsageFile#ENV} is set ({@link UsageFile}), and
 * nothing is counted otherwise.
 *
 * <p>Thread-safety: the clients are thread-safe and meant to be shared. {@link #close()} closes them all, after
 * which the adapters built on them fail; it is idempotent.
 */
public final class AwsClients implements AutoCloseable {
    /** HTTP connections per service client. */
    public static final int MAX_CONNECTIONS = 64;
    /** Longer than the longest SQS long poll (20 s), so a receive that waits its full time is not cut off. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(35);

    private final AwsSettings settings;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final UsageMeter meter;
    private volatile boolean closed;

    private AwsClients(AwsSettings settings, UsageMeter meter) {
        this.settings = settings;
        this.meter = meter;
        ClientOverrideConfiguration overrides = meter == null ? ClientOverrideConfiguration.builder().build()
                : ClientOverrideConfiguration.builder().addExecutionInterceptor(meter.interceptor()).build();
        Region region = Region.of(settings.region());
        AwsCredentialsProvider credentials = settings.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        var sqsBuilder = SqsClient.builder().region(region).credentialsProvider(credentials).httpClientBuilder(http())
                .overrideConfiguration(overrides);
        if (settings.sqsEndpoint() != null) {
            sqsBuilder.endpointOverride(settings.sqsEndpoint());
        }
        var dynamoBuilder = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(http()).overrideConfiguration(overrides);
        if (settings.dynamoDbEndpoint() != null) {
            dynamoBuilder.endpointOverride(settings.dynamoDbEndpoint());
        }
        // Custom S3 endpoints (the local cloud, most S3-compatible servers) do not resolve bucket subdomains.
        boolean pathStyle = settings.s3Endpoint() != null;
        var s3Builder = S3Client.builder().region(region).credentialsProvider(credentials).httpClientBuilder(http())
                .overrideConfiguration(overrides).forcePathStyle(pathStyle);
        var presignerBuilder = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        if (pathStyle) {
            s3Builder.endpointOverride(settings.s3Endpoint());
            presignerBuilder.endpointOverride(settings.s3Endpoint());
        }
        List<AutoCloseable> built = new ArrayList<>();
        try {
            this.sqs = add(built, sqsBuilder.build());
            this.dynamoDb = add(built, dynamoBuilder.build());
            this.s3 = add(built, s3Builder.build());
            this.presigner = add(built, presignerBuilder.build());
        } catch (RuntimeException e) {
            for (AutoCloseable c : built) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    /**
     * Builds the four clients; nothing is sent over the network yet. Their calls are counted on the process's
     * usage meter when {@value UsageFile#ENV} is set.
     */
    public static AwsClients create(AwsSettings settings) {
        return new AwsClients(Objects.requireNonNull(settings, "settings"),
                UsageFile.forProcess().map(UsageFile::meter).orElse(null));
    }

    /** Builds the four clients, counting their calls on {@code meter}. */
    public static AwsClients create(AwsSettings settings, UsageMeter meter) {
        return new AwsClients(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(meter, "meter"));
    }

    public AwsSettings settings() {
        return settings;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public S3Client s3() {
        return s3;
    }

    public S3Presigner s3Presigner() {
        return presigner;
    }

    /** The meter the clients' calls are counted on, if any. */
    public Optional<UsageMeter> usageMeter() {
        return Optional.ofNullable(meter);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (AutoCloseable c : List.of(presigner, s3, dynamoDb, sqs)) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing AWS clients failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        // A command's clients close when its work is done: the usage file then holds all of it, even if the
        // process is killed before its exit hook runs.
        UsageFile.forProcess().filter(f -> f.meter() == meter).ifPresent(UsageFile::writeQuietly);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "AwsClients" + settings;
    }

    private static ApacheHttpClient.Builder http() {
        return ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS).socketTimeout(SOCKET_TIMEOUT);
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> built, T client) {
        built.add(client);
        return client;
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
