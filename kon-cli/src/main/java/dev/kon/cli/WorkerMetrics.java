package dev.kon.cli;

import dev.kon.worker.WorkerEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker's events as Prometheus metrics (through Micrometer); {@link #scrape()} gives them in the Prometheus
 * text format. The names, labels and units are listed in the README ("Metrics").
 *
 * <p>The {@code type} label takes the task types this process has handlers for, and {@code other} for the rest
 * (a bundle naming a type no handler knows): a label's values stay few whatever the queue holds. Every series of a
 * known type exists from the start, at zero, so a rate over it is defined before the first task.
 *
 * <p>The task duration histogram is the Prometheus client's own (on which Micrometer's registry is built),
 * registered in the same registry, because it is recorded for every task on every executor thread: alone it costs
 * 11 ns a task on one thread and 34 ns on two where a Micrometer timer with the same buckets costs 60 and 133 ns
 * (its buckets are one array of atomics all threads write), and in a local run of {@code sleep 0} tasks the whole
 * listener adds about 0.1 us of CPU a task against 0.25 us with the Micrometer timer.
 *
 * <p>Thread-safety: thread-safe; meters are made up front (or once, for {@code other}), so a call looks up and
 * records without allocating.
 */
final class WorkerMetrics implements WorkerEvents {
    static final String OTHER_TYPE = "other";
    private static final double[] TASK_BUCKETS = {0.0001, 0.001, 0.005, 0.025, 0.1, 0.25, 1, 2.5, 10, 30, 60, 300,
        900};
    private static final Duration[] RECEIVE_BUCKETS = seconds(0.005, 0.025, 0.1, 0.25, 1, 5, 10, 20);
    private static final Duration[] WAIT_BUCKETS = seconds(0.01, 0.1, 1, 10, 60, 300, 900, 3600, 6 * 3600);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Histogram taskDuration = Histogram.builder().name("kon_task_duration_seconds")
            .help("How long tasks ran on this worker, all attempts included").labelNames("type")
            .classicUpperBounds(TASK_BUCKETS).classicOnly().withoutExemplars()
            .register(registry.getPrometheusRegistry());
    private final Map<String, TypeMeters> byType;
    private volatile TypeMeters other;
    private final Counter messagesReceived;
    private final Timer receivedSome;
    private final Timer receivedNone;
    private final Timer queueWait;
    private final Counter bundlesClaimed;
    private final Counter leaseRenewals;
    private final Counter leasesTakenOver;
    private final Counter leasesRanOut;

    /** The meters of one task type. */
    private static final class TypeMeters {
        final Counter succeeded;
        final Counter failed;
        final Counter cancelled;
        final DistributionDataPoint duration;

        TypeMeters(PrometheusMeterRegistry registry, Histogram durations, String type) {
            succeeded = tasks(registry, type, "succeeded");
            failed = tasks(registry, type, "failed");
            cancelled = tasks(registry, type, "cancelled");
            duration = durations.labelValues(type);
        }

        private static Counter tasks(PrometheusMeterRegistry registry, String type, String outcome) {
            return Counter.builder("kon.tasks").tag("type", type).tag("outcome", outcome)
                    .description("Tasks this worker ran, by how they ended").register(registry);
        }

        Counter of(Outcome outcome) {
            return switch (outcome) {
                case SUCCEEDED -> succeeded;
                case FAILED -> failed;
                case CANCELLED -> cancelled;
            };
        }
    }

    /** Metrics for a worker with handlers of {@code taskTypes}. */
    WorkerMetrics(Collection<String> taskTypes) {
        Map<String, TypeMeters> m = new HashMap<>();
        for (String t : taskTypes) {
            m.put(t, new TypeMeters(registry, taskDuration, t));
        }
        byType = Map.copyOf(m);
        messagesReceived = Counter.builder("kon.messages.received")
                .description("Task messages (bundles) received from the queue").register(registry);
        receivedSome = receiveTimer("messages");
        receivedNone = receiveTimer("empty");
        queueWait = Timer.builder("kon.queue.wait")
                .description("How long received messages had waited on the queue since they were first sent")
                .serviceLevelObjectives(WAIT_BUCKETS).register(registry);
        bundlesClaimed = Counter.builder("kon.bundles.claimed")
                .description("Ledger claims granted to this worker").register(registry);
        leaseRenewals = Counter.builder("kon.lease.renewals")
                .description("Leases of bundles in hand renewed").register(registry);
        leasesTakenOver = leasesLost("taken_over");
        leasesRanOut = leasesLost("ran_out");
    }

    private Timer receiveTimer(String result) {
        return Timer.builder("kon.receive.duration").tag("result", result)
                .description("How long the poller's receive calls took (an empty long poll lasts the poll wait)")
                .serviceLevelObjectives(RECEIVE_BUCKETS).register(registry);
    }

    private Counter leasesLost(String reason) {
        return Counter.builder("kon.leases.lost").tag("reason", reason)
                .description("Bundles stopped because their lease was lost").register(registry);
    }

    private static Duration[] seconds(double... s) {
        Duration[] out = new Duration[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Duration.ofNanos(Math.round(s[i] * 1e9));
        }
        return out;
    }

    /** The metrics in the Prometheus text format (version 0.0.4). */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void received(int messages, long latencyNanos) {
        (messages == 0 ? receivedNone : receivedSome).record(latencyNanos, TimeUnit.NANOSECONDS);
        messagesReceived.increment(messages);
    }

    @Override
    public void waited(long millis) {
        queueWait.record(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void bundlesClaimed(int bundles) {
        bundlesClaimed.increment(bundles);
    }

    @Override
    public void taskFinished(String type, Outcome outcome, long durationNanos) {
        TypeMeters m = byType.get(type);
        if (m == null) {
            m = other();
        }
        m.of(outcome).increment();
        m.duration.observe(durationNanos / 1e9);
    }

    private TypeMeters other() {
        TypeMeters o = other;
        if (o == null) {
            synchronized (this) {
                o = other;
                if (o == null) {
                    o = other = new TypeMeters(registry, taskDuration, OTHER_TYPE);
                }
            }
        }
        return o;
    }

    @Override
    public void leaseRenewed() {
        leaseRenewals.increment();
    }

    @Override
    public void leaseLost(LeaseLoss why) {
        (why == LeaseLoss.TAKEN_OVER ? leasesTakenOver : leasesRanOut).increment();
    }
}
