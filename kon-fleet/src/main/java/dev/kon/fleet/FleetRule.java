package dev.kon.fleet;

import java.time.Instant;

/**
 * How many workers a fleet wants for a workload, and what to do about it at this tick. A rule is a pure function:
 * it reads no clock, queue or process, so the {@link Autoscaler} loop, its logging and its providers are the same
 * whatever the rule. Two rules exist: {@link ScalingRule} (enough workers to finish the known work within a target
 * time) and {@link QueueLengthRule} (a fixed number of messages per worker, as KEDA's SQS scaler sizes a
 * deployment).
 */
@FunctionalInterface
public interface FleetRule {
    /**
     * @param work       what there is to do
     * @param active     workers starting or running (draining ones are leaving and not counted)
     * @param lastChange when the fleet last launched or drained a worker, or null if never
     * @param now        the time of this tick
     */
    Decision decide(Workload work, int active, Instant lastChange, Instant now);
}
