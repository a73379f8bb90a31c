package dev.kon.bench.autoscale;

/**
 * The fleet and its queue at one moment of a policy's run.
 *
 * @param seconds  since the policy's first burst began
 * @param alive    worker processes alive (starting, running or draining)
 * @param running  of those, ready and not draining
 * @param waiting  messages waiting on the task queue
 * @param inFlight messages taken by workers and not yet deleted
 */
public record Sample(double seconds, int alive, int running, long waiting, long inFlight) {
    /** Messages on the queue, waiting or in flight. */
    public long depth() {
        return waiting + inFlight;
    }
}
