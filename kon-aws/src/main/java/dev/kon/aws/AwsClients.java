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
 * The AWS SDK clients Kon uses, built from {@link AwsSettings} and shared by every adapter of a process.
 *
 * <p>Each client is built on its first use: building one costs a short command more than its work (a
 * {@code kon cal} talks to SQS alone, and builds neither the DynamoDB nor the S3 client). Each has its own Apache
 * HTTP connection pool of {@link #MAX_CONNECTIONS}, enough for the worker threads, pollers and flushers of one
 * process to call at once. The socket timeout is above SQS's 20 s long poll.
 *
 * <p>Usage: given a {@link UsageMeter}, every SQS, DynamoDB and S3 call is counted on it (what it would be billed
 * on AWS). Without one, the process's meter is used when {@value UsageFile#ENV} is set ({@link UsageFile}), and
 * nothing is counted otherwise.
 *
 * <p>Thread-safety: the clients are thread-safe and meant to be shared; two threads asking for one get the same.
 * {@link #close()} closes the clients built so far, after which the adapters built on them fail and asking for a
 * client throws {@link IllegalStateException}; it is idempotent.
 */
public final class AwsClients implements AutoCloseable {
    /** HTTP connections per service client. */
    public static final int MAX_CONNECTIONS = 64;
    /** Longer than the longest SQS long poll (20 s), so a receive that waits its full time is not cut off. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(35);

    private final AwsSettings settings;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    /** Custom S3 endpoints (the local cloud, most S3-compatible servers) do not resolve bucket subdomains. */
    private final boolean pathStyle;
    private SqsClient sqs;             // guarded by this, as are the three below and closed
    private DynamoDbClient dynamoDb;
    private S3Client s3;
    private S3Presigner presigner;
    private boolean closed;
    private final UsageMeter meter;
    private final ClientOverrideConfiguration overrides;

    private AwsClients(AwsSettings settings, UsageMeter meter) {
        this.settings = settings;
        this.meter = meter;
        this.overrides = meter == null ? ClientOverrideConfiguration.builder().build()
                : ClientOverrideConfiguration.builder().addExecutionInterceptor(meter.interceptor()).build();
        this.region = Region.of(settings.region());
        this.credentials = settings.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        this.pathStyle = settings.s3Endpoint() != null;
    }

    /**
     * Clients for {@code settings}, each built when first asked for; nothing is sent over the network yet. Their
     * calls are counted on the process's usage meter when {@value UsageFile#ENV} is set.
     */
    public static AwsClients create(AwsSettings settings) {
        return new AwsClients(Objects.requireNonNull(settings, "settings"),
                UsageFile.forProcess().map(UsageFile::meter).orElse(null));
    }

    /** Clients for {@code settings}, each built when first asked for, counting their calls on {@code meter}. */
    public static AwsClients create(AwsSettings settings, UsageMeter meter) {
        return new AwsClients(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(meter, "meter"));
    }

    /** The meter the clients' calls are counted on, if any. */
    public Optional<UsageMeter> usageMeter() {
        return Optional.ofNullable(meter);
    }

    /**
     * Builds every client now rather than on first use: for a long-running process (a worker), which should pay
     * for them before it says it is ready rather than in the middle of its first task.
     *
     * @return this
     * @throws RuntimeException as the SDK's builders do, after closing the clients built so far
     */
    public AwsClients buildAll() {
        try {
            sqs();
            dynamoDb();
            s3();
            s3Presigner();
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return this;
    }

    public AwsSettings settings() {
        return settings;
    }

    public synchronized SqsClient sqs() {
        checkOpen();
        if (sqs == null) {
            var b = SqsClient.builder().region(region).credentialsProvider(credentials).httpClientBuilder(http())
                    .overrideConfiguration(overrides);
            if (settings.sqsEndpoint() != null) {
                b.endpointOverride(settings.sqsEndpoint());
            }
            sqs = b.build();
        }
        return sqs;
    }

    public synchronized DynamoDbClient dynamoDb() {
        checkOpen();
        if (dynamoDb == null) {
            var b = DynamoDbClient.builder().region(region).credentialsProvider(credentials).httpClientBuilder(http())
                    .overrideConfiguration(overrides);
            if (settings.dynamoDbEndpoint() != null) {
                b.endpointOverride(settings.dynamoDbEndpoint());
            }
            dynamoDb = b.build();
        }
        return dynamoDb;
    }

    public synchronized S3Client s3() {
        checkOpen();
        if (s3 == null) {
            var b = S3Client.builder().region(region).credentialsProvider(credentials).httpClientBuilder(http())
                    .overrideConfiguration(overrides).forcePathStyle(pathStyle);
            if (pathStyle) {
                b.endpointOverride(settings.s3Endpoint());
            }
            s3 = b.build();
        }
        return s3;
    }

    public synchronized S3Presigner s3Presigner() {
        checkOpen();
        if (presigner == null) {
            var b = S3Presigner.builder().region(region).credentialsProvider(credentials)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
            if (pathStyle) {
                b.endpointOverride(settings.s3Endpoint());
            }
            presigner = b.build();
        }
        return presigner;
    }

    /** The services whose clients have been built, in the order sqs, dynamodb, s3, s3-presigner; for tests. */
    synchronized List<String> built() {
        List<String> names = new ArrayList<>();
        if (sqs != null) {
            names.add("sqs");
        }
        if (dynamoDb != null) {
            names.add("dynamodb");
        }
        if (s3 != null) {
            names.add("s3");
        }
        if (presigner != null) {
            names.add("s3-presigner");
        }
        return names;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {presigner, s3, dynamoDb, sqs}) {
            if (c == null) {
                continue;
            }
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

    private void checkOpen() {
        if (closed) {
            // A client built now would never be closed.
            throw new IllegalStateException("the AWS clients are closed");
        }
    }

    private static ApacheHttpClient.Builder http() {
        return ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS).socketTimeout(SOCKET_TIMEOUT);
    }
}
