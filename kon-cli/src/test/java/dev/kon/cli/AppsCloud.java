package dev.kon.cli;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.blob.S3BlobStore;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.bench.WorkerLaunch;
import dev.kon.bench.WorkerProcesses;
import dev.kon.blob.BlobStore;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * What the application end-to-end tests share per class: a local cloud provisioned with the default names (the ones
 * {@code kon cal}, {@code kon pic} and {@code kon animoto} use without options), {@code kon worker} processes on it,
 * and a way to run {@code kon} as a user does, with the cloud's AWS_* variables in its environment.
 */
final class AppsCloud implements AutoCloseable {
    static final CloudNames NAMES = CloudNames.defaults();

    private final LocalCloud cloud;
    private final AwsClients clients;
    private final Map<String, String> env;
    private final Path dir;
    private final AtomicInteger runs = new AtomicInteger();
    private WorkerProcesses workers;

    private AppsCloud(LocalCloud cloud, AwsClients clients, Map<String, String> env, Path dir) {
        this.cloud = cloud;
        this.clients = clients;
        this.env = env;
        this.dir = dir;
    }

    /** Starts the cloud, provisions it and starts {@code workerCount} worker processes (logs under {@code dir}). */
    static AppsCloud start(Path dir, int workerCount) throws InterruptedException {
        LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        AwsClients clients = AwsClients.create(LocalClouds.settings(cloud));
        Map<String, String> env = cloud.environment();
        AppsCloud apps = new AppsCloud(cloud, clients, env, dir);
        try {
            new CloudProvisioner(clients, NAMES).provision();
            WorkerLaunch launch = WorkerLaunch.defaults();
            apps.workers = WorkerProcesses.start(launch,
                    launch.command(NAMES.taskQueue(), NAMES.ledgerTable(), NAMES.bucket()), env, workerCount,
                    dir.resolve("worker-logs"), "apps");
            return apps;
        } catch (RuntimeException | InterruptedException e) {
            apps.close();
            throw e;
        }
    }

    /** Starts {@code kon args...} as a process; its output goes to {@code <name>-N.out/.err} in the class's folder. */
    KonProcess start(String name, String... args) throws java.io.IOException {
        return KonProcess.start(dir, name + "-" + runs.incrementAndGet(), env, args);
    }

    /** Runs {@code kon args...} to the end (at most {@code seconds}). */
    Run run(long seconds, String name, String... args) throws Exception {
        KonProcess p = start(name, args);
        int exit = p.waitFor(seconds);
        return new Run(exit, p.stdout(), p.stderr());
    }

    /** Runs {@code kon args...} to the end (at most {@code seconds}) with {@code input} on its standard input. */
    Run runWithInput(long seconds, String name, String input, String... args) throws Exception {
        KonProcess p = KonProcess.startWithInput(dir, name + "-" + runs.incrementAndGet(), env, input, args);
        int exit = p.waitFor(seconds);
        return new Run(exit, p.stdout(), p.stderr());
    }

    /** The bucket, as the workers see it. */
    BlobStore blobs() {
        return new S3BlobStore(clients.s3(), clients.s3Presigner(), NAMES.bucket());
    }

    /** The ids the worker processes announced in their ready lines. */
    List<String> workerIds() {
        return workers.workerIds();
    }

    /** Messages on the task queue, waiting or in flight. */
    long taskQueueDepth() {
        return new SqsQueueService(clients.sqs()).open(NAMES.taskQueue()).depth().total();
    }

    /** Entries in the execution ledger: one per task a worker ever claimed. */
    int ledgerEntries() {
        return clients.dynamoDb().scan(b -> b.tableName(NAMES.ledgerTable()).select(Select.COUNT)).count();
    }

    /** Every queue there is, by URL: a request makes its own reply queue. */
    List<String> queues() {
        return clients.sqs().listQueues().queueUrls();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (workers != null) {
                workers.close();
            }
        } finally {
            clients.close();
            cloud.close();
        }
    }

    /** A finished {@code kon} process. */
    record Run(int exit, String stdout, String stderr) {
        /** For assertion messages: everything the process said. */
        String said() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }
}
