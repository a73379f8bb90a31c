package dev.kon.bench.autoscale;

import dev.kon.Backend;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.bench.LocalCloudSettings;
import dev.kon.bench.ProcessCpu;
import dev.kon.client.RunSpec;
import dev.kon.fleet.LocalLaunch;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kon bench autoscale}: the same bursty workload under the autoscaler, the queue-length policy (KEDA's), a
 * fixed fleet of the maximum and a single worker, one policy after another on one local cloud in this JVM, each on
 * its own task queue, its workers {@code kon worker} processes of one thread started by the local provider
 * ({@link LocalLaunch}). Each policy's bursts are timed from the first task sent to the last result received, and its
 * worker-seconds are every second a worker process was alive, gaps included. See {@link PolicyRun} and
 * {@link Goals}.
 *
 * <p>Not thread-safe.
 */
public final class AutoscaleBench {
    private static final Logger LOG = LoggerFactory.getLogger(AutoscaleBench.class);
    private final PrintStream out;

    /** @param out where progress and the report are printed */
    public AutoscaleBench(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Runs every policy of the plan, prints the report and writes its files into {@code outDir}. */
    public AutoscaleReport run(AutoscalePlan plan, Path outDir) throws InterruptedException {
        double loadBefore = ProcessCpu.loadAverage();
        out.printf(Locale.ROOT, "load %.1f; starting the local cloud%n", loadBefore);
        List<PolicyResult> results = new ArrayList<>();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalCloudSettings.of(cloud))) {
            String base = "kon-abench-" + RunSpec.newRunId().toLowerCase(Locale.ROOT);
            CloudNames names = CloudNames.defaults().withTaskQueue(base).withLedgerTable(base).withBucket(base);
            new CloudProvisioner(clients, names).provision();
            Backend backend = AwsBackends.create(clients, names, Clock.systemUTC());
            SqsQueueService queues = new SqsQueueService(clients.sqs());
            out.printf(Locale.ROOT, "%d burst%s of %,d x sleep %d ms (%.0f s of work each), %d s apart; bundles of "
                    + "%d tasks%n", plan.bursts(), plan.bursts() == 1 ? "" : "s", plan.tasks(), plan.sleepMs(),
                    plan.burstWorkMs() / 1000.0, plan.gap().toSeconds(), plan.bundleSize());
            for (FleetPolicy policy : plan.policies()) {
                CloudNames own = names.withTaskQueue(base + "-" + policy.slug());
                queues.create(own.taskQueueSpec());
                queues.create(own.priorityQueueSpec());
                LocalLaunch launch = LocalLaunch.defaults(own.taskQueue(), names.ledgerTable(), names.bucket(),
                        cloud.environment(), outDir.resolve("workers").resolve(policy.slug()));
                out.printf(Locale.ROOT, "%s:%n", describe(policy, plan));
                results.add(new PolicyRun(plan, policy, backend, launch, outDir, out).run());
            }
            try {
                new CloudProvisioner(clients, names).teardown();
            } catch (RuntimeException e) {
                LOG.warn("teardown of the benchmark's resources failed: {}", e.toString());
            }
        }
        double loadAfter = ProcessCpu.loadAverage();
        String setting = String.format(Locale.ROOT, "local cloud on 127.0.0.1 in the benchmark JVM; workers: kon "
                + "worker processes of 1 thread on this machine (%d cores, Java %d); load average %.1f before, %.1f "
                + "after. Autoscaler: min 0, max %d, target drain %d s; queue-length: %d messages per worker; both: "
                + "cooldown %d s, a look every %.1f s.", Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature(), loadBefore, loadAfter, plan.max(), plan.targetDrain().toSeconds(),
                plan.messagesPerWorker(), plan.cooldown().toSeconds(), plan.interval().toMillis() / 1000.0);
        AutoscaleReport report = new AutoscaleReport(plan, results, Goals.check(results, plan.max()), setting);
        report.write(outDir);
        return report;
    }

    private static String describe(FleetPolicy policy, AutoscalePlan plan) {
        return switch (policy.kind()) {
            case AUTOSCALER -> String.format(Locale.ROOT, "autoscaler (0..%d workers, target drain %d s)", plan.max(),
                    plan.targetDrain().toSeconds());
            case QUEUE_LENGTH -> String.format(Locale.ROOT, "queue-length (0..%d workers, %d messages per worker)",
                    plan.max(), plan.messagesPerWorker());
            case FIXED -> String.format(Locale.ROOT, "fixed fleet of %d", policy.size());
        };
    }
}
