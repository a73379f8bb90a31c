package dev.kon.examples.primes;

import dev.kon.api.Kon;
import dev.kon.api.RunHandle;
import dev.kon.api.RunOptions;
import dev.kon.api.TaskCall;
import dev.kon.aws.AwsClients;
import dev.kon.aws.AwsSettings;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.KonCloud;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

/**
 * Kon as a library, end to end: starts a local cloud (SQS, DynamoDB, S3 on 127.0.0.1), a worker of two threads in
 * this process and one {@code kon worker} process that loads the {@code primes} task type from this example's jar
 * ({@code --task-path}), then counts the primes below ten million as {@value #TASKS} tasks submitted from code, and
 * prints a summary.
 *
 * <p>Usage: {@code PrimesExample [KON_JAR [EXAMPLE_JAR]]}, by default {@code ../kon-cli/target/kon.jar} and
 * {@code target/kon-example.jar} (run from the {@code examples} folder). Exit code 0 when every task succeeded.
 */
public final class PrimesExample {
    /** Tasks in the run. */
    public static final int TASKS = 10_000;
    /** Numbers per task: the run covers 0 .. TASKS * WIDTH. */
    public static final long WIDTH = 1_000;

    private PrimesExample() {
    }

    public static void main(String[] args) throws Exception {
        Path konJar = Path.of(args.length > 0 ? args[0] : "../kon-cli/target/kon.jar");
        Path exampleJar = Path.of(args.length > 1 ? args[1] : "target/kon-example.jar");
        System.exit(run(konJar, exampleJar, System.out) ? 0 : 1);
    }

    /** Runs the example, printing to {@code out}; true when every task succeeded. */
    public static boolean run(Path konJar, Path exampleJar, PrintStream out) throws Exception {
        for (Path p : List.of(konJar, exampleJar)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(p.toAbsolutePath() + " is missing: run 'mvn -B install' at the "
                        + "top of the checkout, then build this example");
            }
        }
        long began = System.nanoTime();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral().withS3InMemory())) {
            LocalCloud.Endpoints e = cloud.endpoints();
            AwsSettings aws = AwsSettings.of(cloud.region()).withEndpoints(e.sqs(), e.dynamodb(), e.s3())
                    .withStaticCredentials(cloud.accessKey(), cloud.secretKey());
            CloudNames names = CloudNames.defaults();
            try (AwsClients clients = AwsClients.create(aws)) {
                new CloudProvisioner(clients, names).provision();
            }
            out.printf("local cloud up in %.1f s%n", cloud.startTime().toMillis() / 1000.0);
            WorkerProcess workerProcess = startWorkerProcess(konJar, exampleJar, cloud);
            try (Kon kon = Kon.open(KonCloud.settings(aws, names))) {
                // Two worker threads in this process, finding the primes type on the class path.
                Worker local = new Worker(WorkerConfig.defaults(names.taskQueue()).withThreads(2)
                        .withPollWait(Duration.ofSeconds(1)), kon.backend(), TaskHandlers.discover(),
                        Clock.systemUTC()).start();
                try {
                    awaitReady(workerProcess);
                    out.println("kon worker process " + workerProcess.process().pid() + " ready");
                    return submit(kon, out, began);
                } finally {
                    local.stop(Duration.ofSeconds(10));
                }
            } finally {
                workerProcess.process().destroy();
                if (!workerProcess.process().waitFor(30, TimeUnit.SECONDS)) {
                    workerProcess.process().destroyForcibly();
                }
                Files.deleteIfExists(workerProcess.log());
            }
        }
    }

    private static boolean submit(Kon kon, PrintStream out, long began) throws Exception {
        PrimeCount.Count small = kon.submit(PrimeCount.TYPE, new PrimeCount.Range(0, 100)).get(2, TimeUnit.MINUTES);
        out.println("one task from a future: primes below 100: " + small.primes());

        long ownPid = ProcessHandle.current().pid();
        long primes = 0;
        long succeeded = 0;
        long failed = 0;
        long here = 0;
        long elsewhere = 0;
        long runStart = System.nanoTime();
        String runId;
        try (RunHandle run = kon.run(LongStream.range(0, TASKS).mapToObj(i -> TaskCall.of(PrimeCount.TYPE,
                new PrimeCount.Range(i * WIDTH, (i + 1) * WIDTH))), RunOptions.defaults().withBundleSize(50)
                .withName("primes example"))) {
            runId = run.id();
            for (Iterator<TaskResult> it = run.results(); it.hasNext(); ) {
                TaskResult r = it.next();
                if (!r.succeeded()) {
                    failed++;
                    continue;
                }
                succeeded++;
                primes += PrimeCount.TYPE.decodeOutput(r.output()).primes();
                // Worker ids are host/pid/random.
                if (r.worker().split("/")[1].equals(Long.toString(ownPid))) {
                    here++;
                } else {
                    elsewhere++;
                }
            }
        }
        double seconds = (System.nanoTime() - runStart) / 1e9;
        out.printf("run %s: %d tasks, %d succeeded, %d failed in %.1f s (%.0f tasks/s)%n", runId, TASKS,
                succeeded, failed, seconds, TASKS / seconds);
        out.printf("primes below %,d: %d%n", TASKS * WIDTH, primes);
        out.printf("tasks run in this process: %d, in the kon worker process: %d%n", here, elsewhere);
        out.printf("total %.1f s%n", (System.nanoTime() - began) / 1e9);
        return failed == 0 && succeeded == TASKS;
    }

    /** A {@code kon worker} process and the file its output goes to. */
    private record WorkerProcess(Process process, Path log) {
    }

    private static WorkerProcess startWorkerProcess(Path konJar, Path exampleJar, LocalCloud cloud)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", konJar.toString(), "worker", "--threads", "2",
                "--idle-exit", "0", "--task-path", exampleJar.toString());
        pb.environment().putAll(cloud.environment());
        Path log = Files.createTempFile("kon-example-worker", ".log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return new WorkerProcess(pb.start(), log);
    }

    /** Waits for the worker's "ready" line (it has loaded the task types and reached the cloud). */
    private static void awaitReady(WorkerProcess worker) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.readString(worker.log()).lines().anyMatch(l -> l.startsWith("ready "))) {
                return;
            }
            if (!worker.process().isAlive()) {
                throw new IllegalStateException("the kon worker process ended with exit code "
                        + worker.process().exitValue() + ": " + Files.readString(worker.log()));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("the kon worker process was not ready within 120 s");
    }
}
