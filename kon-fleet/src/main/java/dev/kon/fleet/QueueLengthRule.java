package dev.kon.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * Sizes a fleet by queue length alone, as KEDA's {@code aws-sqs-queue} scaler does: wanted workers = messages on the
 * queue (waiting and in flight, KEDA's {@code scaleOnInFlight} default) / {@code messagesPerWorker}, rounded up,
 * within min and max. It knows nothing of how long a message's work takes. Scaling in waits for the same cooldown as
 * {@link ScalingRule}, so the two differ only in how they count the work. Immutable.
 *
 * @param min               workers kept with an empty queue
 * @param max               workers never exceeded
 * @param messagesPerWorker messages one worker is meant to have (KEDA's {@code queueLength}, default there 5)
 * @param cooldown          how long after the fleet's last change no worker is drained
 */
public record QueueLengthRule(int min, int max, int messagesPerWorker, Duration cooldown) implements FleetRule {
    public QueueLengthRule {
        if (min < 0 || max < 1 || max < min) {
            throw new IllegalArgumentException("min must be >= 0 and max >= 1 and >= min workers, were " + min + ", "
                    + max);
        }
        if (messagesPerWorker < 1) {
            throw new IllegalArgumentException("messagesPerWorker must be >= 1, was " + messagesPerWorker);
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must be >= 0s, was " + cooldown.toMillis() + "ms");
        }
    }

    @Override
    public Decision decide(Workload work, int active, Instant lastChange, Instant now) {
        long messages = work.depth().total();
        long forQueue = (messages + messagesPerWorker - 1) / messagesPerWorker;
        int wanted = (int) Math.max(min, Math.min(max, forQueue));
        String why = String.format("%d waiting + %d in flight messages at %d per worker -> %d",
                work.depth().visible(), work.depth().inFlight(), messagesPerWorker, forQueue);
        if (forQueue > max) {
            why += ", capped at max " + max;
        }
        return ScalingRule.step(active, wanted, why, cooldown, lastChange, now);
    }
}
