package dev.kon.bench.autoscale;

import java.time.Duration;

/**
 * One burst under one policy.
 *
 * @param time          from the burst's first task sent to its last result received
 * @param workerSeconds seconds of worker processes alive from the burst's start to the next burst's start (for the
 *                      last burst: its end plus the gap), gaps and starting and draining workers included
 * @param results       distinct results received
 * @param tasks         tasks sent
 */
public record BurstResult(Duration time, double workerSeconds, long results, long tasks) {
    public boolean complete() {
        return results >= tasks;
    }

    public double seconds() {
        return time.toMillis() / 1000.0;
    }
}
