package dev.kon.bench.autoscale;

import dev.kon.Backend;
import dev.kon.KonException;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.fleet.Autoscaler;
import dev.kon.fleet.FleetMember;
import dev.kon.fleet.FleetRule;
import dev.kon.fleet.LocalLaunch;
import dev.kon.fleet.LocalProvider;
import dev.kon.fleet.QueueLengthRule;
import dev.kon.fleet.ScalingPolicy;
import dev.kon.fleet.ScalingRule;
import dev.kon.fleet.WorkSource;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * Runs the bursts of a plan under one policy on its own task queue: a fixed fleet is started and ready before the
 * first burst (an always-on fleet's start is not counted), a scaled one starts from none with an {@link Autoscaler}
 * on a thread of this JVM, deciding every {@code interval} and logging each decision to
 * {@code decisions-<policy>.log}. A sampler notes the fleet and the queue every second. After the last burst and
 * its gap the fleet is drained (SIGTERM; the local provider kills what is left after its grace).
 *
 * <p>Not thread-safe: one run per instance.
 */
final class PolicyRun {
    private static final Duration FLEET_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    private final AutoscalePlan plan;
    private final FleetPolicy policy;
    private final Backend backend;
    private final LocalLaunch launch;
    private final Path outDir;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();

    /** @param launch how a worker is started, on this policy's own task queue */
    PolicyRun(AutoscalePlan plan, FleetPolicy policy, Backend backend, LocalLaunch launch, Path outDir,
            PrintStream out) {
        this.plan = plan;
        this.policy = policy;
        this.backend = backend;
        this.launch = launch;
        this.outDir = outDir;
        this.out = out;
    }

    PolicyResult run() throws InterruptedException {
        TaskQueue queue = backend.queues().open(launch.queue());
        try (LocalProvider fleet = new LocalProvider(launch, clock);
                PrintWriter decisions = policy.scaled() ? writer(outDir.resolve("decisions-" + policy.slug()
                        + ".log")) : new PrintWriter(java.io.Writer.nullWriter())) {
            Autoscaler scaler = null;
            Thread scaling = null;
            if (policy.scaled()) {
                scaler = new Autoscaler(rule(), fleet, new WorkSource(queue, backend.runs(), 1), clock, false,
                        plan.interval(), line -> decisions.println(Instant.now(clock) + " " + line));
                scaling = new Thread(scaler, "kon-bench-autoscaler");
                scaling.setDaemon(true);
                scaling.start();
            } else {
                startFixed(fleet);
            }
            Sampler sampler = new Sampler(fleet, queue, SAMPLE_EVERY);
            List<BurstResult> bursts = new ArrayList<>();
            try {
                sampler.start();
                List<Instant> starts = new ArrayList<>();
                List<RunReport> reports = new ArrayList<>();
                Instant end = null;
                for (int b = 1; b <= plan.bursts(); b++) {
                    Instant start = clock.instant();
                    RunReport report = burst(queue.name(), b);
                    end = clock.instant();
                    starts.add(start);
                    reports.add(report);
                    out.printf(Locale.ROOT, "  %-12s burst %d of %d: %,d of %,d results in %.1f s%n", policy.label(),
                            b, plan.bursts(), report.stats().distinct(), plan.tasks(),
                            report.elapsed().toMillis() / 1000.0);
                    Thread.sleep(plan.gap().toMillis()); // the idle gap itself, measured in worker-seconds
                }
                starts.add(end.plus(plan.gap()));
                List<LocalProvider.Lifetime> lives = fleet.lifetimes();
                for (int b = 0; b < reports.size(); b++) {
                    RunReport r = reports.get(b);
                    bursts.add(new BurstResult(r.elapsed(), WorkerSeconds.within(lives, starts.get(b),
                            starts.get(b + 1)), r.stats().distinct(), plan.tasks()));
                }
            } finally {
                if (scaler != null) {
                    scaler.stop();
                    scaling.interrupt();
                    scaling.join(10_000);
                }
                sampler.stop();
                // drained, not closed, so each exit is one the provider asked for
                fleet.members().forEach(fleet::drain);
            }
            int launches = fleet.lifetimes().size();
            return new PolicyResult(policy, bursts, sampler.samples(), launches);
        }
    }

    private FleetRule rule() {
        if (policy.kind() == FleetPolicy.Kind.QUEUE_LENGTH) {
            return new QueueLengthRule(0, plan.max(), plan.messagesPerWorker(), plan.cooldown());
        }
        return ScalingRule.of(ScalingPolicy.defaults(plan.max()).withTargetDrain(plan.targetDrain())
                .withCooldown(plan.cooldown()));
    }

    private void startFixed(LocalProvider fleet) throws InterruptedException {
        long began = System.nanoTime();
        fleet.launch(policy.size());
        long deadline = began + FLEET_READY_TIMEOUT.toNanos();
        while (fleet.members().stream().filter(m -> m.state() == FleetMember.State.RUNNING).count()
                < policy.size()) {
            if (System.nanoTime() > deadline || fleet.members().size() < policy.size()) {
                throw new KonException("the fixed fleet of " + policy.size() + " was not ready within "
                        + FLEET_READY_TIMEOUT.toMinutes() + " min (or a worker exited); see " + launch.logDir());
            }
            Thread.sleep(100);
        }
        out.printf(Locale.ROOT, "  %-12s %d worker process%s ready in %.1f s (before the clock: always on)%n",
                policy.label(), policy.size(), policy.size() == 1 ? "" : "es", (System.nanoTime() - began) / 1e9);
    }

    private RunReport burst(String queue, int n) throws InterruptedException {
        String args = Long.toString(plan.sleepMs());
        long tasks = plan.tasks();
        Duration timeout = Duration.ofMinutes(10).plusMillis(3 * plan.burstWorkMs());
        int workers = policy.scaled() ? plan.max() : policy.size();
        RunRequest req = new RunRequest(queue, () -> taskIterator(tasks, args), tasks, plan.burstWorkMs(), workers,
                plan.bundleSize(), Duration.ZERO, timeout).withWorkload("autoscale bench " + policy.slug() + " burst "
                + n);
        return new RunClient(backend).run(RunSpec.newRunId(), req, r -> { }, b -> { }, new RunListener() { });
    }

    private static Iterator<Task> taskIterator(long tasks, String args) {
        return LongStream.rangeClosed(1, tasks).mapToObj(i -> new Task(i, "sleep", args)).iterator();
    }

    private static PrintWriter writer(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
