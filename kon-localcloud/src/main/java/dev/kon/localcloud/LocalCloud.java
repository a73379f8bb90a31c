package dev.kon.localcloud;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * SQS, DynamoDB and S3 on 127.0.0.1, in this JVM: ElasticMQ, DynamoDB Local (in memory) and s3proxy. They speak
 * the AWS wire protocols, so Kon's AWS adapters and any AWS client (the {@code aws} CLI, boto3) work against
 * them once pointed at {@link #endpoints()} with {@link #region()} and the fixed local credentials.
 *
 * <p>Nothing is reachable from other machines. SQS and DynamoDB accept any credentials; S3 checks signatures
 * against {@link #accessKey()} / {@link #secretKey()}. Queues and tables live in memory and are gone on
 * {@link #close()}; S3 objects too, unless {@link LocalCloudConfig#s3DataDir()} is set.
 *
 * <p>Logging: the servers log through slf4j (ElasticMQ, Pekko, Jetty, s3proxy) and log4j2 (DynamoDB Local, which
 * ships its own configuration at WARN). To keep a console quiet, set these slf4j loggers to WARN:
 * {@code org.elasticmq}, {@code org.apache.pekko}, {@code org.eclipse.jetty}, {@code org.gaul},
 * {@code com.amazonaws}. This module configures no logging itself.
 *
 * <p>Thread-safety: the accessors may be called from any thread; {@link #close()} is idempotent and
 * thread-safe.
 *
 * <p>Start time: about 3.5 s on two cores in a fresh JVM (the three start in parallel; ElasticMQ's actor
 * system is the slowest), well under a second for a second cloud in the same JVM.
 */
public final class LocalCloud implements AutoCloseable {
    private final LocalCloudConfig config;
    private final SqsServer sqs;
    private final DynamoDbServer dynamoDb;
    private final S3Server s3;
    private final Endpoints endpoints;
    private final Duration startTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * The three endpoints, each {@code http://127.0.0.1:PORT}.
     *
     * @param sqs      SQS (ElasticMQ)
     * @param dynamodb DynamoDB Local
     * @param s3       S3 (s3proxy; path-style addressing only)
     */
    public record Endpoints(URI sqs, URI dynamodb, URI s3) {
        public Endpoints {
            Objects.requireNonNull(sqs, "sqs");
            Objects.requireNonNull(dynamodb, "dynamodb");
            Objects.requireNonNull(s3, "s3");
        }
    }

    private LocalCloud(LocalCloudConfig config, SqsServer sqs, DynamoDbServer dynamoDb, S3Server s3,
                       Duration startTime) {
        this.config = config;
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.startTime = startTime;
        this.endpoints = new Endpoints(loopback(sqs.port()), loopback(dynamoDb.port()), loopback(s3.port()));
    }

    /**
     * Starts the three servers and returns once all of them accept connections.
     *
     * @throws LocalCloudException naming the port and server when a port is taken or a server fails to start;
     *                             servers already started are stopped again
     */
    public static LocalCloud start(LocalCloudConfig config) {
        Objects.requireNonNull(config, "config");
        long began = System.nanoTime();
        // Bind slf4j once before three threads log at the same time; it would otherwise warn about replaying.
        LoggerFactory.getILoggerFactory();
        // Most of the start is class loading and JIT warm-up, single-threaded per server: starting the three at
        // once halves the wall time on two cores (about 8 s one after the other, 3.5 s together).
        ExecutorService starters = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "kon-localcloud-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<DynamoDbServer> dynamoDb = starters.submit(() -> DynamoDbServer.start(config.dynamoDbPort()));
            Future<S3Server> s3 = starters.submit(() -> S3Server.start(config.s3Port(), config.accessKey(),
                    config.secretKey(), config.s3DataDir()));
            RuntimeException failure = null;
            SqsServer sqs = null;
            try {
                sqs = SqsServer.start(config.sqsPort(), config.region());
            } catch (RuntimeException e) {
                failure = e;
            }
            DynamoDbServer startedDynamoDb = null;
            S3Server startedS3 = null;
            try {
                startedDynamoDb = await(dynamoDb);
            } catch (RuntimeException e) {
                failure = addTo(failure, e);
            }
            try {
                startedS3 = await(s3);
            } catch (RuntimeException e) {
                failure = addTo(failure, e);
            }
            if (failure != null) {
                closeQuietly(startedS3, failure);
                closeQuietly(startedDynamoDb, failure);
                closeQuietly(sqs, failure);
                throw failure;
            }
            return new LocalCloud(config, sqs, startedDynamoDb, startedS3, Duration.ofNanos(System.nanoTime() - began));
        } finally {
            starters.shutdown();
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public String region() {
        return config.region();
    }

    public String accessKey() {
        return config.accessKey();
    }

    public String secretKey() {
        return config.secretKey();
    }

    public LocalCloudConfig config() {
        return config;
    }

    /** How long {@link #start} took, from the call to all three servers listening. */
    public Duration startTime() {
        return startTime;
    }

    /**
     * Shell lines that point Kon (and any AWS SDK that reads {@code AWS_ENDPOINT_URL_*}) at this cloud:
     * {@code export AWS_ENDPOINT_URL_SQS=http://127.0.0.1:9324} and so on, then region and credentials. Checked
     * with aws-cli 1.45 and boto3 1.43: DynamoDB and S3 follow the variables; aws-cli v1 sends SQS calls in
     * us-east-1 to its legacy endpoint whatever they say, so give it {@code --endpoint-url $AWS_ENDPOINT_URL_SQS}.
     * CLIs older than the variables (aws-cli 2.9 in Debian) need {@code --endpoint-url} for all three.
     */
    public List<String> exportLines() {
        List<String> lines = new java.util.ArrayList<>();
        environment().forEach((k, v) -> lines.add("export " + k + "=" + v));
        return lines;
    }

    /**
     * The same settings as environment variables, for starting a process (a worker) that talks to this cloud:
     * the three endpoints, then region and credentials, in that order.
     */
    public java.util.Map<String, String> environment() {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_SQS", endpoints.sqs().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamodb().toString());
        env.put("AWS_ENDPOINT_URL_S3", endpoints.s3().toString());
        env.put("AWS_REGION", config.region());
        env.put("AWS_ACCESS_KEY_ID", config.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", config.secretKey());
        return env;
    }

    /**
     * Stops the three servers, S3 first; calling it again does nothing.
     *
     * @throws LocalCloudException if a server failed to stop (the others are stopped regardless)
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable server : List.of(s3, dynamoDb, sqs)) {
            try {
                server.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new LocalCloudException(e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "LocalCloud[sqs=" + endpoints.sqs() + ", dynamodb=" + endpoints.dynamodb() + ", s3=" + endpoints.s3()
                + "]";
    }

    private static URI loopback(int port) {
        return URI.create("http://" + LoopbackPorts.HOST + ":" + port);
    }

    private static <T> T await(Future<T> start) {
        try {
            return start.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new LocalCloudException("start failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalCloudException("interrupted while starting", e);
        }
    }

    private static RuntimeException addTo(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static void closeQuietly(AutoCloseable server, RuntimeException failure) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
