package dev.kon.fleet;

import java.time.Duration;

/**
 * How the autoscaler sizes a fleet. Immutable; start from {@link #defaults(int)}.
 *
 * @param min               workers kept even with nothing to do (default 0)
 * @param max               workers never exceeded
 * @param targetDrain       the time the fleet should take to finish the known remaining work (default
 *                          {@link #DEFAULT_TARGET_DRAIN}): wanted workers = remaining work / (threads x targetDrain)
 * @param cooldown          how long after the last change of the fleet's size no worker is drained (default
 *                          {@link #DEFAULT_COOLDOWN}); scaling out never waits
 * @param threadsPerWorker  task threads of each worker (default 1)
 * @param unknownTaskTime   the time a task of unknown length is taken to need until one has been measured
 *                          (default {@link #DEFAULT_UNKNOWN_TASK_TIME})
 */
public record ScalingPolicy(int min, int max, Duration targetDrain, Duration cooldown, int threadsPerWorker,
        Duration unknownTaskTime) {
    public static final Duration DEFAULT_TARGET_DRAIN = Duration.ofSeconds(60);
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_UNKNOWN_TASK_TIME = Duration.ofSeconds(1);

    public ScalingPolicy {
        if (min < 0) {
            throw new IllegalArgumentException("min must be >= 0 workers, was " + min);
        }
        if (max < 1 || max < min) {
            throw new IllegalArgumentException("max must be >= 1 and >= min (" + min + ") workers, was " + max);
        }
        if (targetDrain.isNegative() || targetDrain.isZero()) {
            throw new IllegalArgumentException("targetDrain must be > 0s, was " + targetDrain.toMillis() + "ms");
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must be >= 0s, was " + cooldown.toMillis() + "ms");
        }
        if (threadsPerWorker < 1) {
            throw new IllegalArgumentException("threadsPerWorker must be >= 1, was " + threadsPerWorker);
        }
        if (unknownTaskTime.isNegative() || unknownTaskTime.isZero()) {
            throw new IllegalArgumentException("unknownTaskTime must be > 0s, was " + unknownTaskTime.toMillis()
                    + "ms");
        }
    }

    /** From 0 to {@code max} workers of one thread, with the default target drain, cooldown and task estimate. */
    public static ScalingPolicy defaults(int max) {
        return new ScalingPolicy(0, max, DEFAULT_TARGET_DRAIN, DEFAULT_COOLDOWN, 1, DEFAULT_UNKNOWN_TASK_TIME);
    }

    public ScalingPolicy withMin(int workers) {
        return new ScalingPolicy(workers, max, targetDrain, cooldown, threadsPerWorker, unknownTaskTime);
    }

    public ScalingPolicy withTargetDrain(Duration d) {
        return new ScalingPolicy(min, max, d, cooldown, threadsPerWorker, unknownTaskTime);
    }

    public ScalingPolicy withCooldown(Duration d) {
        return new ScalingPolicy(min, max, targetDrain, d, threadsPerWorker, unknownTaskTime);
    }

    public ScalingPolicy withThreadsPerWorker(int threads) {
        return new ScalingPolicy(min, max, targetDrain, cooldown, threads, unknownTaskTime);
    }

    public ScalingPolicy withUnknownTaskTime(Duration d) {
        return new ScalingPolicy(min, max, targetDrain, cooldown, threadsPerWorker, d);
    }
}
