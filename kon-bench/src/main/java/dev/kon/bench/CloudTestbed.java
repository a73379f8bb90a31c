package dev.kon.bench;

import dev.kon.Backend;
import dev.kon.KonException;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.aws.usage.UsageMeter;
import dev.kon.aws.usage.UsageSnapshot;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud mode: the client in this JVM on SQS, DynamoDB and S3 through Kon's AWS adapters, workers in their own
 * processes. See {@link CloudTarget} for the local-cloud and external variants.
 *
 * <p>With a local cloud, each set of workers gets its own task queue ({@code <base>-c<n>}, with a dead-letter
 * queue); its workers ({@code kon worker --threads 1}) are started and ready before the clock starts. Consecutive
 * cells with the same worker count share the workers and the queue (an efficiency run's sleep lengths), as long
 * as every cell before was complete; a cell cut short stops its workers and deletes its queue, so nothing it left
 * reaches the next. Worker logs go to the log folder.
 *
 * <p>Every cell's AWS calls are counted ({@link CellUsage}): the client's on a meter in this JVM, the local
 * workers' in their usage files; after a cell the task queue is left to drain (the workers' last deletions come
 * after the client has its results) before the workers' counts are read. External workers are not counted.
 */
public final class CloudTestbed implements Testbed {
    private static final Logger LOG = LoggerFactory.getLogger(CloudTestbed.class);
    static final int WARM_UP_TASKS_PER_WORKER = 10;
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private final CloudTarget target;
    private final LocalCloud cloud;
    private final AwsClients clients;
    private final CloudNames names;
    private final SqsQueueService queues;
    private final Backend backend;
    private final Path logDir;
    private final PrintStream out;
    private final CellMeter meter;
    private CellUsage lastUsage;
    private int cellNo;
    /** The workers kept for the next cell, or null. */
    private Crew crew;

    /** Worker processes serving one task queue. */
    private record Crew(int size, CloudNames names, WorkerProcesses processes) { }

    private CloudTestbed(CloudTarget target, LocalCloud cloud, AwsClients clients, CloudNames names, Path logDir,
            PrintStream out) {
        this.target = target;
        this.cloud = cloud;
        this.clients = clients;
        this.names = names;
        this.logDir = logDir;
        this.out = out;
        this.queues = new SqsQueueService(clients.sqs());
        this.meter = new CellMeter(clients.usageMeter().orElseThrow());
        // As 'kon submit' does: the run registered and counted, unless KON_REGISTRIES=off (inherited by the workers)
        this.backend = AwsBackends.forEnvironment(clients, names, Clock.systemUTC(), System.getenv());
    }

    /**
     * Starts the local cloud and provisions a table and bucket with unique names (local-cloud target), or checks
     * that the external task queue exists.
     *
     * @param logDir where worker processes' stdout and stderr go
     * @param out    for progress notes (cloud started, workers ready)
     */
    public static CloudTestbed start(CloudTarget target, Path logDir, PrintStream out) {
        if (!target.isLocalCloud()) {
            AwsClients clients = AwsClients.create(target.external(), new UsageMeter());
            CloudTestbed bed = new CloudTestbed(target, null, clients, target.names(), logDir, out);
            try {
                bed.queues.open(target.names().taskQueue());
            } catch (RuntimeException e) {
                bed.close();
                throw e;
            }
            return bed;
        }
        LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        AwsClients clients = null;
        try {
            clients = AwsClients.create(LocalCloudSettings.of(cloud), new UsageMeter());
            String base = "kon-bench-" + RunSpec.newRunId().toLowerCase(Locale.ROOT);
            CloudNames names = CloudNames.defaults().withTaskQueue(base).withLedgerTable(base).withBucket(base);
            new CloudProvisioner(clients, names).provision();
            out.printf(Locale.ROOT, "local cloud up in %.1f s at %s; table and bucket '%s'%n",
                    cloud.startTime().toMillis() / 1000.0, cloud.endpoints(), base);
            return new CloudTestbed(target, cloud, clients, names, logDir, out);
        } catch (RuntimeException e) {
            if (clients != null) {
                clients.close();
            }
            cloud.close();
            throw e;
        }
    }

    @Override
    public RunReport run(Cell cell, Duration timeout) throws InterruptedException {
        cellNo++;
        lastUsage = null;
        if (!target.isLocalCloud()) {
            if (cell.workers() != target.externalWorkers()) {
                throw new IllegalArgumentException("workers must be " + target.externalWorkers()
                        + " (the external workers running), was " + cell.workers());
            }
            CellMeter.Mark before = meter.mark(List.of());
            RunReport report = runOn(names.taskQueue(), cell, timeout);
            lastUsage = CellMeter.between(before, meter.client(), null, cell.tasks());
            return report;
        }
        if (crew != null && crew.size() != cell.workers()) {
            dismissCrew();
        }
        if (crew == null) {
            crew = hireCrew(cell.workers());
        } else {
            out.printf(Locale.ROOT, "      the same %d worker process%s, still running%n", cell.workers(),
                    cell.workers() == 1 ? "" : "es");
        }
        boolean complete = false;
        try {
            List<Path> files = crew.processes().usageFiles();
            CellMeter.Mark before = meter.mark(files);
            RunReport report = runOn(crew.names().taskQueue(), cell, timeout);
            UsageSnapshot clientAfter = meter.client();
            complete = report.stats().distinct() >= report.stats().expected();
            UsageSnapshot workersAfter = complete && awaitDrained(crew.names().taskQueue())
                    ? CellMeter.workers(files) : null;
            lastUsage = CellMeter.between(before, clientAfter, workersAfter, cell.tasks());
            return report;
        } finally {
            if (!complete) {
                dismissCrew();
            }
        }
    }

    private Crew hireCrew(int size) throws InterruptedException {
        CloudNames crewNames = names.withTaskQueue(names.taskQueue() + "-c" + cellNo);
        queues.create(crewNames.taskQueueSpec());
        queues.create(crewNames.priorityQueueSpec());
        long began = System.nanoTime();
        WorkerLaunch launch = target.launch();
        WorkerProcesses processes = null;
        try {
            processes = WorkerProcesses.start(launch,
                    launch.command(crewNames.taskQueue(), names.ledgerTable(), names.bucket()), cloud.environment(),
                    size, logDir, "cell" + cellNo);
            out.printf(Locale.ROOT, "      %d worker process%s ready in %.1f s (not timed)%n", size,
                    size == 1 ? "" : "es", (System.nanoTime() - began) / 1e9);
            Crew hired = new Crew(size, crewNames, processes);
            warmUp(hired);
            return hired;
        } catch (InterruptedException | RuntimeException e) {
            try {
                if (processes != null) {
                    processes.close();
                }
            } finally {
                deleteQuietly(crewNames.taskQueue());
                deleteQuietly(crewNames.deadLetterQueue());
            }
            throw e;
        }
    }

    /**
     * Runs {@value #WARM_UP_TASKS_PER_WORKER} {@code sleep 0} tasks per worker, one per message, untimed, so that
     * the timed cell does not pay for each worker's first ledger claim, result send and completion (class loading,
     * JIT, new connections: about 0.8 s on one worker here). The seed's workers, too, were running before its clock
     * started.
     */
    private void warmUp(Crew crew) throws InterruptedException {
        long began = System.nanoTime();
        Cell warm = new Cell(BenchKind.THROUGHPUT, BenchMode.CLOUD, crew.size(),
                (long) WARM_UP_TASKS_PER_WORKER * crew.size(), 0);
        RunRequest req = new RunRequest(crew.names().taskQueue(), warm::newTasks, warm.tasks(), 0, crew.size(), 1,
                Duration.ZERO, WARM_UP_TIMEOUT);
        RunReport report = new RunClient(backend).run(RunSpec.newRunId(), req, r -> { }, b -> { },
                new RunListener() { });
        if (report.stats().distinct() < report.stats().expected()) {
            throw new KonException("the workers' warm-up run got " + report.stats().distinct() + " of "
                    + report.stats().expected() + " results in " + WARM_UP_TIMEOUT.toSeconds()
                    + " s; see the worker logs in " + logDir);
        }
        out.printf(Locale.ROOT, "      warmed up in %.1f s (%d sleep 0 tasks, not timed)%n",
                (System.nanoTime() - began) / 1e9, warm.tasks());
    }

    /** Stops the kept workers (SIGTERM, then a kill after the grace) and deletes their queues. */
    private void dismissCrew() throws InterruptedException {
        if (crew == null) {
            return;
        }
        Crew leaving = crew;
        crew = null;
        try {
            leaving.processes().close();
        } finally {
            deleteQuietly(leaving.names().taskQueue());
            deleteQuietly(leaving.names().deadLetterQueue());
        }
    }

    @Override
    public Optional<CellUsage> lastCellUsage() {
        return Optional.ofNullable(lastUsage);
    }

    /** Waits until the queue holds no message, in sight or in flight: the workers have deleted all they ran. */
    private boolean awaitDrained(String queue) throws InterruptedException {
        var q = queues.open(queue);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (q.depth().total() > 0) {
            if (System.nanoTime() > deadline) {
                LOG.warn("queue '{}' still held messages {} s after the cell; its workers' usage is not counted",
                        queue, DRAIN_TIMEOUT.toSeconds());
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Where the last cell's time went; null before the first. */
    private String lastTimes;

    private RunReport runOn(String queue, Cell cell, Duration timeout) throws InterruptedException {
        RunRequest req = new RunRequest(queue, cell::newTasks, cell.tasks(), cell.totalSleepMillis(), cell.workers(),
                0, Duration.ZERO, timeout);
        TaskTimes times = new TaskTimes();
        RunReport report = new RunClient(backend).run(RunSpec.newRunId(), req, times, b -> { },
                new RunListener() { });
        lastTimes = times.summary(cell.sleepMillis());
        return report;
    }

    @Override
    public Optional<String> lastCellTimes() {
        return lastTimes == null || lastTimes.isEmpty() ? Optional.empty() : Optional.of(lastTimes);
    }

    @Override
    public String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        if (target.isLocalCloud()) {
            return "local cloud on 127.0.0.1 (ElasticMQ, DynamoDB Local, s3proxy) in the benchmark JVM, one worker"
                    + " process (1 thread) per worker, all on this machine (" + cores + " cores, Java "
                    + Runtime.version().feature() + ")" + registries();
        }
        return target.external() + ", " + target.externalWorkers() + " external workers on queue '"
                + names.taskQueue() + "'";
    }

    private static String registries() {
        return AwsBackends.registriesOff(System.getenv())
                ? "; run and worker registries OFF (" + AwsBackends.REGISTRIES_ENV + "=off)" : "";
    }

    /** Tears down what the benchmark provisioned (local cloud only), closes the clients and stops the cloud. */
    @Override
    public void close() {
        try {
            dismissCrew();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (cloud != null) {
                new CloudProvisioner(clients, names).teardown();
            }
        } catch (RuntimeException e) {
            LOG.warn("teardown of the benchmark's resources failed: {}", e.toString());
        } finally {
            queues.close();
            clients.close();
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    private void deleteQuietly(String queue) {
        try {
            queues.delete(queue);
        } catch (RuntimeException e) {
            LOG.warn("could not delete queue '{}': {}", queue, e.toString());
        }
    }
}
