package dev.kon.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * The autoscaler's decision as a pure function of the policy, the workload, the fleet and the time: nothing here
 * reads a clock, a queue or a process, so every case is a unit test.
 *
 * <p>Wanted workers: enough to finish the remaining work within the target drain time (remaining work divided by
 * threads x target), at least one while the queue holds anything, then clamped to min and max. The queue decides
 * whether there is work at all: an empty queue (nothing waiting, nothing in flight) wants {@code min} whatever the
 * run registry still counts, because a run whose client died stays "running" there with tasks it will never send.
 *
 * <p>Scaling out happens at once. Scaling in waits while any message is waiting: then every worker is busy, and
 * draining one saves no worker-time (the work is the same) but leaves the rest of the burst to fewer workers, so
 * the burst's tail stretches (wanted workers shrink with the remaining work, which then shrinks more slowly: the
 * last target's worth of work falls to one worker). Once nothing waits, the surplus is drained (each drained
 * worker still finishes the bundles it holds) after the cooldown since the fleet's size last changed, so a short
 * lull between bundles does not stop workers that the next second needs again.
 */
public final class ScalingRule {
    private ScalingRule() {
    }

    /**
     * @param active     workers starting or running (draining ones are not counted: they are leaving)
     * @param lastChange when the fleet last launched or drained a worker, or null if never
     */
    public static Decision decide(ScalingPolicy policy, Workload work, int active, Instant lastChange, Instant now) {
        int wanted;
        String why;
        if (work.depth().total() == 0) {
            wanted = policy.min();
            why = "queue empty";
        } else {
            long taskMs = work.taskTimeMs() > 0 ? work.taskTimeMs() : policy.unknownTaskTime().toMillis();
            long workMs = work.knownWorkMs() + work.unknownTasks() * taskMs;
            long perWorkerMs = policy.threadsPerWorker() * policy.targetDrain().toMillis();
            long forWork = Math.max(1, ceilDiv(workMs, perWorkerMs));
            wanted = (int) Math.max(policy.min(), Math.min(policy.max(), forWork));
            why = String.format("%d waiting + %d in flight messages, %.1fs known + %d tasks of unknown work "
                    + "(%s each) to drain in %ds -> %d", work.depth().visible(), work.depth().inFlight(),
                    work.knownWorkMs() / 1000.0, work.unknownTasks(),
                    work.taskTimeMs() > 0 ? "measured " + taskMs + "ms" : "assumed " + taskMs + "ms",
                    policy.targetDrain().toSeconds(), forWork);
            if (forWork > policy.max()) {
                why += ", capped at max " + policy.max();
            }
        }
        if (wanted < active && work.depth().visible() > 0) {
            return new Decision(active, wanted, 0, 0, why + "; messages waiting, every worker busy: no drain");
        }
        return step(active, wanted, why, policy.cooldown(), lastChange, now);
    }

    /** The rule for a policy, for the {@link Autoscaler}. */
    public static FleetRule of(ScalingPolicy policy) {
        return (work, active, lastChange, now) -> decide(policy, work, active, lastChange, now);
    }

    /**
     * From the workers wanted to the decision every rule makes of them: launch the shortfall at once, drain the
     * surplus once {@code cooldown} has passed since {@code lastChange}, else hold.
     */
    static Decision step(int active, int wanted, String why, Duration cooldown, Instant lastChange, Instant now) {
        if (wanted > active) {
            return new Decision(active, wanted, wanted - active, 0, why + "; scale out at once");
        }
        if (wanted < active) {
            Duration since = lastChange == null ? cooldown : Duration.between(lastChange, now);
            if (since.compareTo(cooldown) < 0) {
                long left = cooldown.minus(since).toMillis();
                return new Decision(active, wanted, 0, 0, why + String.format("; cooldown, %.1fs left", left / 1000.0));
            }
            return new Decision(active, wanted, 0, active - wanted, why + "; scale in by draining");
        }
        return new Decision(active, wanted, 0, 0, why + "; at size");
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
