package dev.kon.bench.web;

import dev.kon.Backend;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.bench.LocalCloudSettings;
import dev.kon.client.RunSpec;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.queue.QueueSpec;
import dev.kon.runs.BundleFailures;
import dev.kon.runs.FailedTask;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import dev.kon.web.KonWeb;
import dev.kon.web.WebCloud;
import dev.kon.web.WebConfig;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code kon bench web} measures: a local cloud in this JVM on free ports, provisioned with the default names,
 * {@code kon web} serving it on 127.0.0.1, and the registries filled through their ports as a busy deployment
 * would have them: runs (a fifth of them running, each with a reply queue), workers heartbeating, and failed
 * tasks kept for one run. Not thread-safe: set up and torn down by one thread.
 */
final class WebBed implements AutoCloseable {
    static final CloudNames NAMES = CloudNames.defaults();
    /** Failed tasks kept for the run whose failures page is timed. */
    static final int FAILURES = 100;
    private static final Logger LOG = LoggerFactory.getLogger(WebBed.class);

    private final LocalCloud cloud;
    private final AwsClients clients;
    final Backend backend;
    final KonWeb web;
    final List<String> runIds = new ArrayList<>();
    final List<WorkerRecord> workers = new ArrayList<>();

    private WebBed(LocalCloud cloud, AwsClients clients, Backend backend, KonWeb web) {
        this.cloud = cloud;
        this.clients = clients;
        this.backend = backend;
        this.web = web;
    }

    /** Starts and provisions the cloud and starts the web server; on failure, what started is stopped again. */
    static WebBed start() {
        LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        AwsClients clients = null;
        try {
            clients = AwsClients.create(LocalCloudSettings.of(cloud));
            new CloudProvisioner(clients, NAMES).provision();
            Backend backend = AwsBackends.create(clients, NAMES, Clock.systemUTC());
            SqsQueueService queues = new SqsQueueService(clients.sqs());
            KonWeb web = KonWeb.start(WebConfig.defaults().withPort(0), new WebCloud(backend, NAMES.taskQueue(),
                    NAMES.deadLetterQueue(), queues::namesStartingWith, Clock.systemUTC()));
            return new WebBed(cloud, clients, backend, web);
        } catch (RuntimeException e) {
            if (clients != null) {
                clients.close();
            }
            cloud.close();
            throw e;
        }
    }

    /** Registers {@code runs} runs and heartbeats {@code workerCount} workers, all through the registries' ports. */
    void fill(int runs, int workerCount) {
        Instant now = Instant.now();
        for (int i = 0; i < runs; i++) {
            String id = RunSpec.newRunId();
            Instant at = now.minusSeconds(60L * (runs - i));
            backend.runs().register(RunRecord.submitting(id, at, "bench", "workload-" + i + ".txt", NAMES.taskQueue(),
                    1000 + i, 0));
            backend.runs().submitted(id, 1000 + i, 10, true);
            boolean running = i >= runs - runs / 5;
            if (running) {
                backend.queues().create(QueueSpec.of(RunSpec.REPLY_PREFIX + id));
            } else {
                backend.runs().move(id, RunState.RUNNING, RunState.DONE, at.plusSeconds(30));
            }
            runIds.add(id);
        }
        List<FailedTask> failed = new ArrayList<>();
        for (int line = 1; line <= FAILURES; line++) {
            failed.add(FailedTask.of(line, "sleep", "<script>alert(" + line + ")</script>",
                    "sleep takes a whole number of milliseconds", 1, "bench/1/w"));
        }
        backend.runs().keepFailures(new BundleFailures(failedRun(), "bench-bundle", 1, failed));
        for (int i = 0; i < workerCount; i++) {
            String run = runIds.get(runIds.size() - 1 - i % Math.max(1, runs / 5));
            WorkerRecord w = new WorkerRecord("bench-host-" + i + "/" + (1000 + i) + "/w" + i, "bench-host-" + i,
                    1000 + i, "bench", 4, NAMES.taskQueue(), now.minusSeconds(600), 100L * i, 2.5 + i,
                    List.of(run), WorkerStatus.RUNNING, now);
            backend.workers().heartbeat(w);
            workers.add(w);
        }
    }

    /** The run whose failures are kept. */
    String failedRun() {
        return runIds.get(0);
    }

    /** The newest run: one that is running. */
    String runningRun() {
        return runIds.get(runIds.size() - 1);
    }

    String base() {
        return "http://127.0.0.1:" + web.port();
    }

    /** Stops the server, deletes the reply queues, the default queues, table and bucket, then stops the cloud. */
    @Override
    public void close() {
        try {
            web.close();
            for (String id : runIds) {
                backend.queues().delete(RunSpec.REPLY_PREFIX + id);
            }
            new CloudProvisioner(clients, NAMES).teardown();
        } catch (RuntimeException e) {
            LOG.warn("teardown of the local cloud's resources failed: {}", e.toString());
        } finally {
            try {
                clients.close();
            } finally {
                cloud.close();
            }
        }
    }
}
