package dev.kon.cli;

import dev.kon.Backend;
import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.apps.video.sample.SampleImageServer;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.bench.WorkerLaunch;
import dev.kon.bench.WorkerProcesses;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.web.KonWeb;
import dev.kon.web.WebCloud;
import dev.kon.web.WebConfig;
import dev.kon.workload.WorkloadCheck;
import dev.kon.workload.WorkloadFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kon demo}: a whole distributed run on a local cloud, from nothing, in under a minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A distributed run from nothing: starts a local cloud (SQS, DynamoDB, S3 on 127.0.0.1), "
                + "creates the queues, table and bucket, starts worker processes, submits a mixed workload "
                + "(sleeps, CloudCal statistics, CloudPic images, an Animoto video), shows progress and the report, "
                + "then tears it all down."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--workers", paramLabel = "N", defaultValue = "3", description = "Worker processes (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--web", description = "Serve the web dashboard on 127.0.0.1 while the demo runs, and print its URL.")
    boolean web;

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port for --web (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int webPort;

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || workers > 16) {
            throw new IllegalArgumentException("--workers must be 1..16, was " + workers);
        }
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("kon-demo");
        System.out.println("kon demo: a distributed run on a local cloud, everything on 127.0.0.1");
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalClouds.settings(cloud));
                SampleImageServer images = SampleImageServer.start(0)) {
            System.out.printf("  1. local cloud up in %.1f s: SQS %s, DynamoDB %s, S3 %s%n",
                    cloud.startTime().toMillis() / 1e3, cloud.endpoints().sqs(), cloud.endpoints().dynamodb(),
                    cloud.endpoints().s3());
            CloudNames names = CloudNames.defaults();
            new CloudProvisioner(clients, names).provision();
            System.out.printf("  2. provisioned queue %s (+ %s, %s), tables %s (+ %s, %s), bucket %s%n",
                    names.taskQueue(), names.priorityQueue(), names.deadLetterQueue(), names.ledgerTable(),
                    names.runsTable(), names.workersTable(), names.bucket());
            Backend backend = AwsBackends.create(clients, names, Clock.systemUTC());
            RunReport report;
            // The dashboard serves while the workers run; null (nothing to close) without --web.
            try (KonWeb dashboard = web ? KonWeb.start(WebConfig.defaults().withPort(webPort), new WebCloud(backend,
                    names.taskQueue(), names.deadLetterQueue(), new SqsQueueService(clients.sqs())::namesStartingWith,
                    Clock.systemUTC())) : null) {
                if (dashboard != null) {
                    System.out.println("     dashboard: " + dashboard.url());
                }
                Path workload = DemoWorkload.write(dir, backend.blobs(), images);
                WorkloadFile file = new WorkloadFile(workload);
                WorkloadCheck check = file.check(TaskHandlers.discover()).orThrow();
                WorkerLaunch launch = WorkerLaunch.defaults();
                Map<Long, TaskResult> results = new ConcurrentHashMap<>();
                try (WorkerProcesses procs = WorkerProcesses.start(launch,
                        launch.command(names.taskQueue(), names.ledgerTable(), names.bucket()), cloud.environment(), workers,
                        dir.resolve("logs"), "demo")) {
                    System.out.printf("  3. started %d worker processes: %s%n", workers, String.join(", ", procs.workerIds()));
                    System.out.printf("  4. submitting %s: %,d tasks (%d sleep, %d stats, %d enhance, 1 video)%n",
                            workload.getFileName(), check.tasks(), DemoWorkload.SLEEPS, DemoWorkload.STATS,
                            DemoWorkload.PICTURES);
                    RunRequest req = new RunRequest(names.taskQueue(), file::tasks, check.tasks(), -1, workers, 4,
                            Duration.ZERO, Duration.ofMinutes(5));
                    try (Kon kon = Kon.open(KonSettings.of(backend, names.taskQueue()));
                            ProgressView view = new ProgressView("demo", quiet)) {
                        report = kon.archivedRuns().run(RunSpec.newRunId(), req, r -> results.put(r.taskId(), r),
                                b -> { }, view);
                    }
                    System.out.print(report.render());
                    showSamples(workload, results);
                }
            }
            // Workers first, so no long poll is left waiting on a queue that teardown deletes.
            new CloudProvisioner(clients, names).teardown();
            System.out.printf("  5. stopped the workers, deleted the queues, table and bucket; stopping the cloud%n");
            System.out.printf("demo done in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return report.allSucceeded() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
        } finally {
            RunCommand.deleteTree(dir);
        }
    }

    /** One answer of each kind, so the user sees what the workers did. */
    private static void showSamples(Path workload, Map<Long, TaskResult> results) throws java.io.IOException {
        List<String> lines = Files.readAllLines(workload);
        boolean stats = false;
        boolean enhance = false;
        for (int i = 0; i < lines.size(); i++) {
            TaskResult r = results.get((long) i + 1);
            if (r == null) {
                continue;
            }
            String type = lines.get(i).split(" ", 2)[0];
            if (type.equals("stats") && !stats || type.equals("enhance") && !enhance || type.equals("video")) {
                String out = r.output().length() > 160 ? r.output().substring(0, 157) + "..." : r.output();
                System.out.printf("  %-8s line %-4d %s%n", type, i + 1, r.succeeded() ? out : "FAILED " + out);
                stats |= type.equals("stats");
                enhance |= type.equals("enhance");
            }
        }
    }
}
