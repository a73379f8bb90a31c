package dev.kon.bench;

import dev.kon.KonException;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.aws.usage.UsageFile;
import dev.kon.aws.usage.UsageMeter;
import dev.kon.aws.usage.UsageSnapshot;
import dev.kon.queue.TaskQueue;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Kon measured as a user runs it, every part a process of its own: {@code kon cloud start} (the local cloud),
 * N {@code kon worker} processes, and one {@code kon submit} of {@code sleep 0} tasks, timed from its start to its
 * exit. CPU time comes from {@code /proc} ({@link ProcessCpu}): the cloud's and the workers' read just before the
 * submit starts and just after it exits, the submit's own from this JVM's reaped-children counters; AWS calls from
 * the submit's and the workers' usage files ({@link UsageFile}), the workers' read once the task queue has drained.
 *
 * <p>Everything the benchmark starts stays on 127.0.0.1 on free ports and is stopped at the end. Worker processes
 * start as cloud mode starts them ({@link WorkerLaunch}); the cloud and the submit as a user's {@code kon} command
 * ({@link WorkerLaunch#userCommand}: through the {@code kon} script when the benchmark was started by it). Linux
 * only. Not thread-safe.
 */
public final class ProcessBench {
    public static final long DEFAULT_TASKS = 100_000;
    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_THREADS = 1;
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private final WorkerLaunch launch;
    private final PrintStream out;

    public ProcessBench(WorkerLaunch launch, PrintStream out) {
        this.launch = Objects.requireNonNull(launch, "launch");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Runs once and writes {@code process.md} into {@code outDir}, with every process's output beside it.
     *
     * @throws IllegalArgumentException when a count is out of range
     * @throws KonException            when a process fails to start or the submit runs past 30 minutes
     */
    public ProcessBenchResult run(long tasks, int workers, int threads, Path outDir) throws InterruptedException {
        return run(tasks, workers, threads, 0, 0, outDir);
    }

    /**
     * Runs once, as {@link #run(long, int, int, Path)}, with the submit's bundle size given ({@code bundle}, 0:
     * kon submit's automatic one) and, when {@code warmupTasks > 0}, one untimed submit of that many tasks first, so
     * the measured one meets a local cloud and workers that have run before (as a cloud started once and used for
     * many runs is).
     */
    public ProcessBenchResult run(long tasks, int workers, int threads, int bundle, long warmupTasks, Path outDir)
            throws InterruptedException {
        if (tasks < 1 || workers < 1 || workers > 64 || threads < 1 || threads > 64 || bundle < 0 || bundle > 1000
                || warmupTasks < 0) {
            throw new IllegalArgumentException("tasks must be >= 1, workers and threads 1..64, bundle 0..1000, "
                    + "warm-up tasks >= 0; were " + tasks + ", " + workers + ", " + threads + ", " + bundle + ", "
                    + warmupTasks);
        }
        Path workload = writeWorkload(outDir.resolve("workload.txt"), tasks);
        ProcessCpu.ticksPerSecond(); // getconf runs now, not while the submit's children time is read
        double loadBefore = ProcessCpu.loadAverage();
        out.printf(Locale.ROOT, "load %.1f; starting the local cloud process%n", loadBefore);
        CloudNames names = CloudNames.defaults();
        try (CloudProcess cloud = CloudProcess.start(launch, outDir.resolve("cloud"))) {
            out.printf(Locale.ROOT, "local cloud up (pid %d); starting %d worker process%s%n", cloud.pid(), workers,
                    workers == 1 ? "" : "es");
            try (WorkerProcesses crew = WorkerProcesses.start(launch, launch.command(names.taskQueue(),
                    names.ledgerTable(), names.bucket(), threads), cloud.environment(), workers,
                    outDir.resolve("workers"), "w");
                    AwsClients probe = AwsClients.create(cloud.settings(), new UsageMeter());
                    SqsQueueService queues = new SqsQueueService(probe.sqs())) {
                if (warmupTasks > 0) {
                    out.printf(Locale.ROOT, "workers ready; warm-up: kon submit of %,d sleep 0 tasks (not timed)%n",
                            warmupTasks);
                    Process warm = startSubmit(writeWorkload(outDir.resolve("warmup.txt"), warmupTasks),
                            workers * threads, bundle, cloud, outDir, "warmup");
                    if (!warm.waitFor(SUBMIT_TIMEOUT.toMinutes(), TimeUnit.MINUTES) || warm.exitValue() != 0) {
                        warm.destroyForcibly().waitFor();
                        throw new KonException("the warm-up submit failed; see " + outDir.resolve("warmup.err"));
                    }
                    if (!awaitDrained(queues.open(names.taskQueue()))) {
                        throw new KonException("the task queue did not drain after the warm-up");
                    }
                }
                UsageSnapshot workersBefore = CellMeter.workers(crew.usageFiles());
                long cloud0 = ProcessCpu.ticks(cloud.pid());
                long workers0 = ticks(crew.pids());
                long children0 = ProcessCpu.reapedChildrenTicks();
                out.printf(Locale.ROOT, "workers ready; kon submit of %,d sleep 0 tasks%n", tasks);
                long began = System.nanoTime();
                Process submit = startSubmit(workload, workers * threads, bundle, cloud, outDir, "submit");
                boolean exited = submit.waitFor(SUBMIT_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
                long ended = System.nanoTime();
                long cloud1 = ProcessCpu.ticks(cloud.pid());
                long workers1 = ticks(crew.pids());
                if (!exited) {
                    submit.destroyForcibly().waitFor();
                    throw new KonException("kon submit ran past " + SUBMIT_TIMEOUT.toMinutes() + " min; see "
                            + outDir.resolve("submit.err"));
                }
                long children1 = ProcessCpu.reapedChildrenTicks();
                UsageSnapshot client = UsageFile.read(outDir.resolve("submit.usage.tsv")).usage();
                UsageSnapshot workersAfter = awaitDrained(queues.open(names.taskQueue()))
                        ? CellMeter.workers(crew.usageFiles()) : null;
                UsageSnapshot workersUsage = workersBefore == null || workersAfter == null ? null
                        : workersAfter.minus(workersBefore);
                ProcessBenchResult result = new ProcessBenchResult(tasks, workers, threads, (ended - began) / 1e9,
                        submit.exitValue(), ProcessCpu.micros(children1 - children0),
                        ProcessCpu.micros(cloud1 - cloud0), ProcessCpu.micros(workers1 - workers0),
                        new CellUsage(tasks, client, workersUsage), loadBefore, ProcessCpu.loadAverage(),
                        Runtime.getRuntime().availableProcessors(), bundle, warmupTasks);
                write(outDir.resolve("process.md"), result.render());
                return result;
            }
        }
    }

    private Process startSubmit(Path workload, int workerThreads, int bundle, CloudProcess cloud, Path outDir,
            String name) {
        List<String> args = new ArrayList<>(List.of("submit", workload.toString(), "--quiet", "--workers",
                Integer.toString(workerThreads)));
        if (bundle > 0) {
            args.addAll(List.of("--bundle", Integer.toString(bundle)));
        }
        List<String> command = launch.userCommand(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(outDir.resolve(name + ".out").toFile())
                .redirectError(outDir.resolve(name + ".err").toFile());
        pb.environment().putAll(cloud.environment());
        pb.environment().put(UsageFile.ENV, outDir.resolve(name + ".usage.tsv").toAbsolutePath().toString());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw new KonException("cannot start kon submit: " + e.getMessage(), e);
        }
    }

    /** Waits until the workers have deleted every message: their last calls come after the client's last result. */
    private static boolean awaitDrained(TaskQueue queue) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (queue.depth().total() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static long ticks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += ProcessCpu.ticks(pid);
        }
        return sum;
    }

    private static Path writeWorkload(Path file, long tasks) {
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (long i = 0; i < tasks; i++) {
                    w.write("sleep 0\n");
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workload " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
