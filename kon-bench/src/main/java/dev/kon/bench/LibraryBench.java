package dev.kon.bench;

import dev.kon.Backend;
import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.api.RunHandle;
import dev.kon.api.RunOptions;
import dev.kon.api.TaskCall;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.AwsSettings;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.KonCloud;
import dev.kon.client.RunArchive;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunManifest;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.local.LocalMode;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.task.SleepHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import dev.kon.workload.WorkloadCheck;
import dev.kon.workload.WorkloadFile;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.LongStream;

/**
 * A benchmark, not a test: the cost of submitting from code ({@code Kon.run}, a stream) against the file path
 * ({@code kon run} in memory, {@code kon submit} on the local cloud: a workload file checked, then sent and
 * collected by {@code RunClient}, results archived in the bucket), on the same worker, the same {@code sleep 0}
 * tasks and the same bundle size, alternating the two paths. Prints one Markdown row per round.
 *
 * <p>Usage: {@code java -cp kon-cli/target/kon.jar dev.kon.bench.LibraryBench [memory|cloud] [TASKS] [ROUNDS]}.
 */
public final class LibraryBench {
    private static final int THREADS = 4;

    private LibraryBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "memory";
        long tasks = args.length > 1 ? Long.parseLong(args[1]) : mode.equals("cloud") ? 20_000 : 500_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("kon-library-bench");
        Path workload = dir.resolve("sleep0.txt");
        try (BufferedWriter w = Files.newBufferedWriter(workload)) {
            for (long i = 0; i < tasks; i++) {
                w.write("sleep 0\n");
            }
        }
        int bundle = RunSpec.autoBundleSize(tasks, RunRequest.AUTO_BUNDLE_MAX);
        System.out.printf("| mode | path | tasks | bundle | seconds | tasks/s | process CPU s |%n|---|---|---|---|---|---|---|%n");
        if (mode.equals("cloud")) {
            cloud(workload, tasks, bundle, rounds);
        } else {
            memory(dir, workload, tasks, bundle, rounds);
        }
    }

    private static void memory(Path dir, Path workload, long tasks, int bundle, int rounds) throws Exception {
        Path blobs = Files.createDirectories(dir.resolve("blobs"));
        try (LocalMode local = LocalMode.start(LocalMode.Options.of(blobs, TaskHandlers.of(new SleepHandler()),
                THREADS))) {
            Backend backend = local.backend();
            try (Kon kon = Kon.open(KonSettings.of(backend, local.queue()))) {
                for (int r = 0; r < rounds; r++) {
                    measure("memory", "kon run FILE", tasks, bundle, () -> file(new RunClient(backend,
                            LocalMode.MAX_WAITING), local.queue(), workload, bundle, null));
                    measure("memory", "Kon.run(stream)", tasks, bundle, () -> stream(kon, tasks, bundle));
                }
            }
        }
    }

    private static void cloud(Path workload, long tasks, int bundle, int rounds) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral().withS3InMemory())) {
            AwsSettings aws = LocalCloudSettings.of(cloud);
            CloudNames names = CloudNames.defaults();
            try (AwsClients clients = AwsClients.create(aws)) {
                new CloudProvisioner(clients, names).provision();
                Backend backend = AwsBackends.create(clients, names, Clock.systemUTC());
                Worker worker = new Worker(WorkerConfig.defaults(names.taskQueue()).withThreads(THREADS),
                        backend, TaskHandlers.of(new SleepHandler()), Clock.systemUTC()).start();
                try (Kon kon = Kon.open(KonCloud.settings(aws, names))) {
                    for (int r = 0; r < rounds; r++) {
                        measure("local cloud", "kon submit FILE", tasks, bundle, () -> file(new RunClient(backend),
                                names.taskQueue(), workload, bundle, backend));
                        measure("local cloud", "Kon.run(stream)", tasks, bundle, () -> stream(kon, tasks, bundle));
                    }
                } finally {
                    worker.stop(Duration.ofSeconds(30));
                }
            }
        }
    }

    /** What {@code kon run} (no archive) and {@code kon submit} (archive given) do with a workload file. */
    private static long file(RunClient client, String queue, Path workload, int bundle, Backend archiveIn)
            throws Exception {
        WorkloadFile file = new WorkloadFile(workload);
        WorkloadCheck check = file.check(TaskHandlers.of(new SleepHandler())).orThrow();
        String runId = RunSpec.newRunId();
        RunRequest req = new RunRequest(queue, file::tasks, check.tasks(), check.sleepMillis(), THREADS, bundle,
                Duration.ZERO, Duration.ofMinutes(30)).withWorkload(workload.getFileName().toString());
        RunReport report;
        if (archiveIn == null) {
            report = client.run(runId, req, x -> { }, b -> { }, new RunListener() { });
        } else {
            RunArchive archive = new RunArchive(archiveIn.blobs(), runId);
            archive.writeManifest(new RunManifest(runId, queue, RunSpec.REPLY_PREFIX + runId, check.tasks(),
                    check.sleepMillis(), workload.getFileName().toString()));
            report = client.run(runId, req, x -> { }, archive::keep, new RunListener() { });
        }
        return report.stats().succeeded();
    }

    private static long stream(Kon kon, long tasks, int bundle) {
        try (RunHandle run = kon.run(LongStream.range(0, tasks).mapToObj(i -> TaskCall.of("sleep", "0")),
                RunOptions.defaults().withBundleSize(bundle))) {
            return run.await().succeeded();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private interface Body {
        long run() throws Exception;
    }

    private static void measure(String mode, String path, long tasks, int bundle, Body body) throws Exception {
        System.gc();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long ok = body.run();
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        if (ok != tasks) {
            System.out.printf("<!-- %s %s: only %d of %d succeeded -->%n", mode, path, ok, tasks);
        }
        System.out.printf("| %s | %s | %,d | %d | %.2f | %,.0f | %.2f |%n", mode, path, tasks, bundle, s, tasks / s,
                cpu);
    }

}
