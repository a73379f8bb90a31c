package dev.kon.aws;

import dev.kon.Backend;
import dev.kon.aws.blob.S3BlobStore;
import dev.kon.aws.ledger.DynamoDbExecutionLedger;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.aws.runs.DynamoDbRunRegistry;
import dev.kon.aws.workers.DynamoDbWorkerRegistry;
import dev.kon.runs.InMemoryRunRegistry;
import dev.kon.runs.RunRegistry;
import dev.kon.workers.InMemoryWorkerRegistry;
import dev.kon.workers.WorkerRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * The {@link Backend} of SQS, DynamoDB and S3 for a set of resource names.
 *
 * <p>{@link #withoutRegistries} is a benchmark and diagnostic switch ({@value #REGISTRIES_ENV}{@code =off}), not a
 * way to run: it measures what the run and worker registries cost by leaving them out.
 */
public final class AwsBackends {
    /**
     * Environment variable read by {@link #forEnvironment}: {@code off} leaves the run and worker registries out
     * (for comparing runs with and without them); anything else, or unset, keeps them.
     */
    public static final String REGISTRIES_ENV = "KON_REGISTRIES";

    private AwsBackends() {
    }

    /** True when {@code env} sets {@value #REGISTRIES_ENV} to {@code off}. */
    public static boolean registriesOff(Map<String, String> env) {
        return "off".equalsIgnoreCase(env.getOrDefault(REGISTRIES_ENV, "").strip());
    }

    /** {@link #create}, or {@link #withoutRegistries} when {@code env} switches the registries off. */
    public static Backend forEnvironment(AwsClients clients, CloudNames names, Clock clock, Map<String, String> env) {
        return registriesOff(env) ? withoutRegistries(clients, names, clock) : create(clients, names, clock);
    }

    /**
     * As {@link #create}, with the registries left out: the ledger counts into no runs table, and the run and
     * worker registries are this process's own maps, so a client registers its run and a worker heartbeats into
     * memory only. Nothing of it is seen by {@code kon runs}, {@code kon status} or {@code kon workers}; cancelling
     * a run does not reach such workers. For benchmarks and diagnosis only.
     */
    public static Backend withoutRegistries(AwsClients clients, CloudNames names, Clock clock) {
        return new Backend(new SqsQueueService(clients.sqs()),
                new LedgerOnFirstUse(() -> new DynamoDbExecutionLedger(clients.dynamoDb(), names.ledgerTable(),
                        clock)),
                new BlobStoreOnFirstUse(() -> new S3BlobStore(clients.s3(), clients.s3Presigner(), names.bucket())),
                new InMemoryRunRegistry(), new InMemoryWorkerRegistry());
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
