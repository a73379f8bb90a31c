package dev.kon.bench.autoscale;

import java.util.List;

/**
 * A policy's run: its bursts in order, and the fleet and queue sampled about once a second.
 *
 * @param launches worker processes started in all
 */
public record PolicyResult(FleetPolicy policy, List<BurstResult> bursts, List<Sample> samples, int launches) {
    public PolicyResult {
        bursts = List.copyOf(bursts);
        samples = List.copyOf(samples);
    }

    public double workerSeconds() {
        return bursts.stream().mapToDouble(BurstResult::workerSeconds).sum();
    }

    /** The bursts' times added up, in seconds. */
    public double burstSeconds() {
        return bursts.stream().mapToDouble(BurstResult::seconds).sum();
    }

    public boolean complete() {
        return bursts.stream().allMatch(BurstResult::complete);
    }
}
