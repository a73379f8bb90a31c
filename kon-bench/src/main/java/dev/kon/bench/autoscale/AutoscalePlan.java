package dev.kon.bench.autoscale;

import java.time.Duration;
import java.util.List;

/**
 * What {@code kon bench autoscale} runs: {@code bursts} bursts of {@code tasks} x {@code sleep sleepMs}, each
 * followed by {@code gap} of nothing, for every policy of {@link #policies()}. Immutable; start from
 * {@link #defaults()}.
 *
 * @param bursts            bursts per policy (default 3)
 * @param tasks             tasks per burst (default 2,000)
 * @param sleepMs           each task's sleep in milliseconds (default 50)
 * @param gap               nothing sent between one burst's last result and the next burst's first task, and after
 *                          the last burst (default 60 s): its worker-seconds count too
 * @param max               most workers of the scaled policies, and the size of the large fixed fleet (default 8)
 * @param targetDrain       the autoscaler's target drain time (default {@link #DEFAULT_TARGET_DRAIN}: a burst of
 *                          2,000 x 50 ms, 100 s of work, wants 10 workers and gets the 8 of the maximum at once)
 * @param cooldown          both scaled policies: no drain sooner than this after the fleet last changed (default 5 s)
 * @param interval          both scaled policies: time between the autoscaler's looks at the queue (default 1 s)
 * @param messagesPerWorker the queue-length policy's target: messages per worker (default 5, KEDA's default
 *                          {@code queueLength})
 * @param bundleSize        tasks per message for every policy (default 10: 0.5 s of work per message)
 */
public record AutoscalePlan(int bursts, int tasks, long sleepMs, Duration gap, int max, Duration targetDrain,
        Duration cooldown, Duration interval, int messagesPerWorker, int bundleSize) {
    public static final Duration DEFAULT_TARGET_DRAIN = Duration.ofSeconds(10);

    public AutoscalePlan {
        if (bursts < 1 || bursts > 100) {
            throw new IllegalArgumentException("bursts must be 1..100, was " + bursts);
        }
        if (tasks < 1 || tasks > 1_000_000) {
            throw new IllegalArgumentException("tasks must be 1..1,000,000 per burst, was " + tasks);
        }
        if (sleepMs < 0) {
            throw new IllegalArgumentException("sleepMs must be >= 0 ms, was " + sleepMs);
        }
        if (gap.isNegative()) {
            throw new IllegalArgumentException("gap must be >= 0s, was " + gap.toMillis() + "ms");
        }
        if (max < 1 || max > 64) {
            throw new IllegalArgumentException("max must be 1..64 workers, was " + max);
        }
        if (targetDrain.isNegative() || targetDrain.isZero()) {
            throw new IllegalArgumentException("targetDrain must be > 0s, was " + targetDrain.toMillis() + "ms");
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must be >= 0s, was " + cooldown.toMillis() + "ms");
        }
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("interval must be >= 100ms, was " + interval.toMillis() + "ms");
        }
        if (messagesPerWorker < 1) {
            throw new IllegalArgumentException("messagesPerWorker must be >= 1, was " + messagesPerWorker);
        }
        if (bundleSize < 1 || bundleSize > 256) {
            throw new IllegalArgumentException("bundleSize must be 1..256 tasks, was " + bundleSize);
        }
    }

    /** Three bursts of 2,000 x {@code sleep 50}, 60 s apart, up to 8 workers. */
    public static AutoscalePlan defaults() {
        return new AutoscalePlan(3, 2_000, 50, Duration.ofSeconds(60), 8, DEFAULT_TARGET_DRAIN,
                Duration.ofSeconds(5), Duration.ofSeconds(1), 5, 10);
    }

    public AutoscalePlan withBursts(int n) {
        return new AutoscalePlan(n, tasks, sleepMs, gap, max, targetDrain, cooldown, interval, messagesPerWorker,
                bundleSize);
    }

    public AutoscalePlan withTasks(int n) {
        return new AutoscalePlan(bursts, n, sleepMs, gap, max, targetDrain, cooldown, interval, messagesPerWorker,
                bundleSize);
    }

    public AutoscalePlan withGap(Duration d) {
        return new AutoscalePlan(bursts, tasks, sleepMs, d, max, targetDrain, cooldown, interval, messagesPerWorker,
                bundleSize);
    }

    public AutoscalePlan withMax(int n) {
        return new AutoscalePlan(bursts, tasks, sleepMs, gap, n, targetDrain, cooldown, interval, messagesPerWorker,
                bundleSize);
    }

    public AutoscalePlan withTargetDrain(Duration d) {
        return new AutoscalePlan(bursts, tasks, sleepMs, gap, max, d, cooldown, interval, messagesPerWorker,
                bundleSize);
    }

    /** The work of one burst: its tasks' sleeps added up, in milliseconds. */
    public long burstWorkMs() {
        return tasks * sleepMs;
    }

    /**
     * The policies in the order they run: the fixed maximum first (the goals are measured against it), then the
     * autoscaler, the queue-length policy, and the single worker (the longest).
     */
    public List<FleetPolicy> policies() {
        return List.of(FleetPolicy.fixed(max), FleetPolicy.autoscaler(), FleetPolicy.queueLength(),
                FleetPolicy.fixed(1));
    }
}
