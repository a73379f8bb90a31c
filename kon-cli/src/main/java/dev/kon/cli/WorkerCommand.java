package dev.kon.cli;

import dev.kon.apps.exec.ExecHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import dev.kon.worker.WorkerEvents;
import dev.kon.worker.WorkerIdentity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kon worker}: a worker process on the cloud queues (the seed's RemoteWorker). */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Take tasks from the cloud task queue and run them, each exactly once.",
            "Stops after --idle-exit with nothing to do (0 = run until stopped). Ctrl-C or SIGTERM finishes the "
                    + "tasks in hand first; a worker killed outright loses nothing: its tasks come back to the "
                    + "queue after the lease and another worker runs them."})
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "1",
            description = "Tasks run at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--idle-exit", paramLabel = "DURATION", defaultValue = "10s",
            description = "Stop after this long with nothing received, e.g. 500ms, 10s, 5m (default: "
                    + "${DEFAULT-VALUE}; 0 = never).")
    Duration idleExit;

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "30s",
            description = "Claim and visibility lease, renewed every third of it, e.g. 30s, 2m (default: "
                    + "${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--prefetch", paramLabel = "N",
            description = "Bundles held beyond one per thread (default: adapts to how long bundles take, "
                    + "about 250 ms of work ahead per thread, 1 to 16).")
    Integer prefetch;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "10s",
            description = "How often the worker writes its record for 'kon workers', 50ms to 10s (default: "
                    + "${DEFAULT-VALUE}; readers take a worker unseen for 30s as lost).")
    Duration heartbeat;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://ADDRESS:PORT/metrics (0 = any free port; the address "
                    + "is printed on start). Default: no metrics.")
    Integer metricsPort;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS",
            description = "Address the metrics are served on (default: 127.0.0.1, this machine only; 0.0.0.0 for "
                    + "every interface).")
    String metricsBind;

    @Option(names = "--allow-exec",
            description = "Run 'exec' tasks: any program, as this worker's user, for anyone who can send to the "
                    + "task queue (see the README's security note). Default: they fail, refused.")
    boolean allowExec;

    @Option(names = "--task-path", paramLabel = "DIR_OR_JAR", split = ":",
            description = "Load task types from these jars, or every jar in these folders (TaskHandler classes "
                    + "listed in META-INF/services/dev.kon.task.TaskHandler); several separated by ':'.")
    List<Path> taskPath;

    @Override
    public Integer call() throws Exception {
        WorkerConfig cfg = WorkerConfig.defaults(cloud.queue).withThreads(threads).withIdleExit(idleExit)
                .withLease(lease).withPrefetch(prefetch == null ? WorkerConfig.ADAPTIVE_PREFETCH : prefetch)
                .withHeartbeat(heartbeat);
        if (metricsBind != null && metricsPort == null) {
            throw new IllegalArgumentException("--metrics-bind needs --metrics-port");
        }
        TaskHandlers handlers = handlers();
        WorkerMetrics metrics = metricsPort == null ? null : new WorkerMetrics(handlers.types());
        // Bound before anything is taken from the queue: a port that is taken fails the start, not a running worker.
        try (MetricsServer server = metrics == null ? null
                : MetricsServer.start(metricsBind == null ? "127.0.0.1" : metricsBind, metricsPort, metrics::scrape);
                CloudContext ctx = CloudContext.openAllBuilt(cloud)) {
            Worker worker = new Worker(cfg, ctx.backend, handlers, Clock.systemUTC(), WorkerIdentity.create(),
                    metrics == null ? WorkerEvents.NONE : metrics);
            FinalLine last = new FinalLine(worker);
            // A worker that fails on its own (out of memory, a task that will not stop) has abandoned its work;
            // the process ends at once and non-zero, so a supervisor replaces it.
            worker.onFailure(e -> {
                last.print("worker " + worker.id() + " failed: " + e.getMessage());
                Runtime.getRuntime().halt(ExitCodes.PROCESS_FAILED);
            });
            // On SIGTERM the JVM waits for this hook, not for the main thread: the hook stops the worker and
            // prints the last line itself, or the process could end in the middle of it.
            Thread hook = new Thread(() -> {
                try {
                    worker.stop(lease);
                    settle(ctx, cfg);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                last.printStopped();
            }, "kon-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            worker.start();
            System.out.println("ready " + worker.id() + " " + cloud.queue);
            if (server != null) {
                System.out.println("metrics " + server.url());
            }
            System.out.flush();
            worker.awaitTermination(Duration.ofDays(365 * 100L));
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook is running, finishes the stop and prints the last line. The
                // clients stay open until it is through: it still gives back what the last polls bring.
                hook.join();
                return ExitCodes.OK;
            }
            if (worker.failure().isPresent()) {
                return ExitCodes.PROCESS_FAILED;
            }
            settle(ctx, cfg);
            last.printStopped();
        }
        return ExitCodes.OK;
    }

    /**
     * Before the process exits, its pollers' last long polls end on the server and give back what they got; left
     * open, the next message sent would go to a poll of a process that is gone (decision 30).
     */
    private static void settle(CloudContext ctx, WorkerConfig cfg) throws InterruptedException {
        ctx.backend.queues().settleAbandonedReceives(cfg.pollWait().plusSeconds(2));
    }

    /**
     * Kon's task types and those of the task path; exec allowed only when asked. The worker's threads inherit the
     * task path's loader as their context loader, for handlers that load resources or services through it.
     */
    TaskHandlers handlers() {
        if (taskPath != null && !taskPath.isEmpty()) {
            Thread.currentThread().setContextClassLoader(TaskPath.loader(taskPath));
        }
        TaskHandlers found = TaskHandlers.discover();
        if (!allowExec) {
            return found;
        }
        System.err.println("exec tasks allowed: anyone who can send to '" + cloud.queue + "' runs programs as "
                + System.getProperty("user.name"));
        return found.with(ExecHandler.allowed());
    }

    /** The worker's last line on stderr, printed once by whichever thread ends the process, and flushed. */
    private static final class FinalLine {
        private final Worker worker;
        private boolean printed;

        FinalLine(Worker worker) {
            this.worker = worker;
        }

        void printStopped() {
            String givenUp = worker.tasksGivenUp() == 0 ? ""
                    : String.format(" (and gave up %,d whose lease it lost)", worker.tasksGivenUp());
            print(String.format("worker %s stopped after %,d tasks%s", worker.id(), worker.tasksRun(), givenUp));
        }

        synchronized void print(String line) {
            if (printed) {
                return;
            }
            printed = true;
            System.err.println(line);
            System.err.flush();
        }
    }
}
