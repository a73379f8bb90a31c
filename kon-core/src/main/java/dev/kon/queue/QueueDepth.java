package dev.kon.queue;

/**
 * Approximate message counts of a queue.
 *
 * @param visible  waiting to be received
 * @param inFlight received and not yet acknowledged
 */
public record QueueDepth(long visible, long inFlight) {
    public long total() {
        return visible + inFlight;
    }
}
