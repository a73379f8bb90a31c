package dev.kon.cli;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.client.RunClient;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.task.TaskHandlers;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import dev.kon.worker.WorkerEvents;
import dev.kon.worker.WorkerIdentity;
import dev.kon.workload.WorkloadCheck;
import dev.kon.workload.WorkloadFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark, not a test: what a metrics listener costs a local run ({@code kon run}'s engine) of many
 * {@code sleep 0} tasks. Runs with and without {@link WorkerMetrics} alternately in one JVM, after a warm-up of
 * each, and prints each run's tasks per second and this process's CPU time per task (less disturbed by other
 * processes on a shared machine than the rate), their medians, and the load average.
 *
 * <p>Arguments: {@code [TASKS [PAIRS [THREADS]]]}, by default 1,000,000 tasks, 5 pairs, 4 threads.
 */
final class MetricsOverhead {
    private MetricsOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path file = Files.createTempFile("kon-sleep0", ".txt");
        try {
            Files.write(file, Collections.nCopies(tasks, "sleep 0"));
            TaskHandlers handlers = TaskHandlers.discover();
            WorkloadFile workload = new WorkloadFile(file);
            WorkloadCheck check = workload.check(handlers);
            check.orThrow();
            for (int i = 0; i < 2; i++) {
                run(workload, check, handlers, threads, WorkerEvents.NONE);
                run(workload, check, handlers, threads, new WorkerMetrics(handlers.types()));
            }
            List<Double> off = new ArrayList<>();
            List<Double> on = new ArrayList<>();
            List<Double> cpuOff = new ArrayList<>();
            List<Double> cpuOn = new ArrayList<>();
            System.out.printf(Locale.ROOT, "%,d tasks, %d threads; load before %s%n", tasks, threads, load());
            for (int i = 0; i < pairs; i++) {
                // Alternate which goes first, so a drift in the machine's load does not favour one.
                boolean metricsFirst = i % 2 == 1;
                for (int j = 0; j < 2; j++) {
                    boolean metrics = metricsFirst == (j == 0);
                    WorkerEvents events = metrics ? new WorkerMetrics(handlers.types()) : WorkerEvents.NONE;
                    long cpu0 = cpuNanos();
                    double rate = run(workload, check, handlers, threads, events);
                    double cpuPerTask = (cpuNanos() - cpu0) / 1e3 / tasks;
                    (metrics ? on : off).add(rate);
                    (metrics ? cpuOn : cpuOff).add(cpuPerTask);
                    System.out.printf(Locale.ROOT, "  metrics %-3s %,10.0f tasks/s  %5.2f us CPU/task  load %s%n",
                            metrics ? "on" : "off", rate, cpuPerTask, load());
                }
            }
            double mOff = median(off);
            double mOn = median(on);
            System.out.printf(Locale.ROOT, "median: off %,.0f tasks/s, on %,.0f tasks/s (%+.1f%%)%n", mOff, mOn,
                    (mOn - mOff) / mOff * 100);
            double cOff = median(cpuOff);
            double cOn = median(cpuOn);
            System.out.printf(Locale.ROOT, "median CPU per task: off %.2f us, on %.2f us (%+.1f%%); load after %s%n",
                    cOff, cOn, (cOn - cOff) / cOff * 100, load());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One run as {@code kon run} makes it; answers tasks per second from the first send to the last result. */
    private static double run(WorkloadFile workload, WorkloadCheck check, TaskHandlers handlers, int threads,
            WorkerEvents events) throws Exception {
        Backend backend = new Backend(new InMemoryQueueService(), new InMemoryExecutionLedger(Clock.systemUTC()),
                new InMemoryBlobStore());
        String queue = "local-tasks";
        backend.queues().create(QueueSpec.of(queue + "-dead"));
        backend.queues().create(QueueSpec.of(queue).withDeadLetterQueue(queue + "-dead",
                QueueSpec.DEFAULT_MAX_RECEIVES));
        WorkerConfig cfg = WorkerConfig.defaults(queue).withThreads(threads).withPollWait(Duration.ofMillis(500));
        Worker worker = new Worker(cfg, backend, handlers, Clock.systemUTC(), WorkerIdentity.create(), events)
                .start();
        try {
            RunRequest req = new RunRequest(queue, workload::tasks, check.tasks(), check.sleepMillis(), threads, 0,
                    Duration.ZERO, Duration.ZERO);
            RunReport report = new RunClient(backend, 64).run(RunSpec.newRunId(), req, r -> { }, b -> { },
                    new ProgressView("run", true));
            if (!report.allSucceeded()) {
                throw new IllegalStateException("not every task succeeded:\n" + report.render());
            }
            return report.throughput();
        } finally {
            worker.stop(Duration.ofSeconds(30));
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%.2f", l);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
