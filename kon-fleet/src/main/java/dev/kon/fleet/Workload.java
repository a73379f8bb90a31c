package dev.kon.fleet;

import dev.kon.queue.QueueDepth;
import java.util.Objects;

/**
 * What there is to do, as the autoscaler sees it at one tick.
 *
 * @param depth         the task queue's messages, waiting and in flight
 * @param knownWorkMs   the remaining work of the runs whose work is known (sleep workloads), in milliseconds
 * @param unknownTasks  the remaining tasks of runs whose work is not known
 * @param taskTimeMs    the measured time of one task of unknown length, in milliseconds; -1 before any measurement
 */
public record Workload(QueueDepth depth, long knownWorkMs, long unknownTasks, long taskTimeMs) {
    public Workload {
        Objects.requireNonNull(depth, "depth");
        if (knownWorkMs < 0 || unknownTasks < 0) {
            throw new IllegalArgumentException("knownWorkMs and unknownTasks must be >= 0");
        }
    }

    /** Nothing waiting, nothing running. */
    public static Workload idle() {
        return new Workload(new QueueDepth(0, 0), 0, 0, -1);
    }
}
