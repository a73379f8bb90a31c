package dev.kon.cli;

import dev.kon.fleet.Autoscaler;
import dev.kon.fleet.LocalLaunch;
import dev.kon.fleet.LocalProvider;
import dev.kon.fleet.ScalingPolicy;
import dev.kon.fleet.WorkSource;
import dev.kon.fleet.WorkerProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kon autoscale}: sizes a fleet of workers to the work on the queue until stopped. */
@Command(name = "autoscale", mixinStandardHelpOptions = true,
        description = {"Keep enough workers to finish the queue's known work within --target-drain: scale out at "
                + "once, scale in by draining (the worker finishes the bundles in hand, then exits) after "
                + "--cooldown. Every decision is printed with its reason. Runs until Ctrl-C or SIGTERM, which "
                + "drains the local provider's workers."})
final class AutoscaleCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = "--min", paramLabel = "N", defaultValue = "0", description = "Fewest workers (default: 0).")
    int min;

    @Option(names = "--max", paramLabel = "N", required = true, description = "Most workers.")
    int max;

    @Option(names = "--provider", paramLabel = "local|ec2", defaultValue = "local",
            description = "local: kon worker processes on this machine; ec2: instances as 'kon fleet launch' starts "
                    + "them (default: ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--target-drain", paramLabel = "DURATION", defaultValue = "60s",
            description = "Time the fleet should take to finish the known remaining work, e.g. 30s, 2m (default: "
                    + "${DEFAULT-VALUE}).")
    Duration targetDrain;

    @Option(names = "--cooldown", paramLabel = "DURATION", defaultValue = "30s",
            description = "No worker is drained sooner than this after the fleet last changed, e.g. 10s, 1m "
                    + "(default: "
                    + "${DEFAULT-VALUE}).")
    Duration cooldown;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "Time between looks at the queue, e.g. 1s, 10s (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "1",
            description = "Task threads per worker (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--dry-run", description = "Decide and print, change nothing.")
    boolean dryRun;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = ".kon/fleet",
            description = "Local provider: where each worker's output goes (default: ${DEFAULT-VALUE}).")
    Path logDir;

    @Mixin
    FleetOptions ec2 = new FleetOptions();

    @Override
    public Integer call() throws Exception {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("--interval must be > 0s");
        }
        ScalingPolicy policy = new ScalingPolicy(min, max, targetDrain, cooldown, threads,
                ScalingPolicy.DEFAULT_UNKNOWN_TASK_TIME);
        CountDownLatch closed = new CountDownLatch(1);
        try (CloudContext ctx = CloudContext.open(cloud); WorkerProvider workers = provider(ctx)) {
            WorkSource work = new WorkSource(ctx.backend.queues().open(cloud.queue), ctx.backend.runs(), threads);
            Autoscaler autoscaler = new Autoscaler(policy, workers, work, Clock.systemUTC(), dryRun, interval,
                    line -> {
                        System.out.println(LocalTime.now().format(TIME) + " " + line);
                        System.out.flush();
                    });
            Thread main = Thread.currentThread();
            // On SIGTERM the JVM waits for this hook, not for the main thread: the hook stops the loop and waits
            // until the main thread has closed the provider (draining the local workers), then lets the JVM end.
            Thread hook = new Thread(() -> {
                autoscaler.stop();
                main.interrupt();
                try {
                    closed.await(LocalLaunch.DEFAULT_STOP_GRACE.plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "kon-autoscale-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("autoscaling " + cloud.queue + " with the " + workers.name() + " provider, "
                    + min + " to " + max + " workers, target drain " + targetDrain.toSeconds() + "s"
                    + (dryRun ? " (dry run)" : ""));
            System.out.flush();
            autoscaler.run();
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    private WorkerProvider provider(CloudContext ctx) {
        switch (provider) {
            case "local":
                return new LocalProvider(LocalLaunch.defaults(cloud.queue, cloud.table, cloud.bucket,
                        workerEnvironment(), logDir).withThreads(threads), Clock.systemUTC());
            case "ec2":
                return ec2.provider(cloud, ctx.clients, threads);
            default:
                throw new IllegalArgumentException("--provider must be local or ec2, was '"
                        + dev.kon.task.UserText.excerpt(provider) + "'");
        }
    }

    /** What the local workers need beyond this process's environment: the endpoint and region given here. */
    private Map<String, String> workerEnvironment() {
        Map<String, String> env = new HashMap<>();
        if (cloud.endpoint != null) {
            env.put("AWS_ENDPOINT_URL", cloud.endpoint.toString());
        }
        if (cloud.region != null) {
            env.put("AWS_REGION", cloud.region);
        }
        return env;
    }
}
