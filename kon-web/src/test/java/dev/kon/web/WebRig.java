package dev.kon.web;

import dev.kon.Backend;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.AwsSettings;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the web tests share per class: a provisioned local cloud, in-process workers on it (with every handler on
 * the class path: sleep, stats, enhance, video) and {@code kon web} serving it; plus a plain HTTP client that
 * carries the CSRF header as the pages do.
 */
final class WebRig implements AutoCloseable {
    static final CloudNames NAMES = CloudNames.defaults();
    final LocalCloud cloud;
    final AwsClients clients;
    final Backend backend;
    final KonWeb web;
    final HttpClient http = HttpClient.newHttpClient();
    private final List<Worker> workers = new ArrayList<>();
    private String csrf;

    private WebRig(LocalCloud cloud, AwsClients clients, Backend backend, KonWeb web) {
        this.cloud = cloud;
        this.clients = clients;
        this.backend = backend;
        this.web = web;
    }

    static WebRig start(int workerThreads, WebConfig config) {
        LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        AwsClients clients = AwsClients.create(AwsSettings.of(cloud.region())
                .withEndpoints(cloud.endpoints().sqs(), cloud.endpoints().dynamodb(), cloud.endpoints().s3())
                .withStaticCredentials(cloud.accessKey(), cloud.secretKey()));
        new CloudProvisioner(clients, NAMES).provision();
        Backend backend = AwsBackends.create(clients, NAMES, Clock.systemUTC());
        SqsQueueService queues = new SqsQueueService(clients.sqs());
        KonWeb web = KonWeb.start(config, new WebCloud(backend, NAMES.taskQueue(), NAMES.deadLetterQueue(),
                queues::namesStartingWith, Clock.systemUTC()));
        WebRig rig = new WebRig(cloud, clients, backend, web);
        if (workerThreads > 0) {
            rig.workers.add(new Worker(WorkerConfig.defaults(NAMES.taskQueue()).withThreads(workerThreads)
                    .withPollWait(Duration.ofSeconds(1)), backend, TaskHandlers.discover(), Clock.systemUTC())
                    .start());
        }
        return rig;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + web.port() + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header(Guard.CSRF_HEADER, csrf())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Runs {@code args} as sleep tasks (lines 1, 2, ...) through the client as {@code kon submit} runs them, but
     * unchecked, so bad arguments reach the workers and fail there; answers the run's id once every result is in.
     */
    String sleepRun(String... args) throws InterruptedException {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            tasks.add(new Task(i + 1, "sleep", args[i]));
        }
        String runId = RunSpec.newRunId();
        RunReport report = new RunClient(backend).run(runId, new RunRequest(NAMES.taskQueue(), tasks::iterator,
                tasks.size(), -1, 0, 0, Duration.ZERO, Duration.ofSeconds(60)).withWorkload("unchecked.txt"),
                r -> { }, b -> { }, new RunListener() { });
        if (report.stats().distinct() != tasks.size()) {
            throw new IllegalStateException("run " + runId + " got " + report.stats().distinct() + " of "
                    + tasks.size() + " results");
        }
        return runId;
    }

    synchronized String csrf() throws Exception {
        if (csrf == null) {
            String body = get("/api/session").body();
            csrf = body.replaceAll(".*\"csrf\":\"([0-9a-f]+)\".*", "$1");
        }
        return csrf;
    }

    @Override
    public void close() throws Exception {
        try {
            for (Worker w : workers) {
                w.stop(Duration.ofSeconds(5));
            }
            web.close();
        } finally {
            clients.close();
            cloud.close();
        }
    }
}
