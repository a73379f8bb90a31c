package dev.kon.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One worker's heartbeat.
 *
 * @param workerId       the worker's id ({@code host/pid/random}, see {@link dev.kon.worker.WorkerIdentity})
 * @param host           the host it runs on
 * @param pid            its process id
 * @param version        the Kon version it runs
 * @param threads        its task threads
 * @param queue          the task queue it serves
 * @param started        when it started
 * @param tasksDone      tasks it finished since it started (successes and failures)
 * @param tasksPerSecond tasks it finished per second over the last minute
 * @param runs           the runs whose bundles it holds now
 * @param status         what it is doing
 * @param lastSeen       when it wrote this record
 */
public record WorkerRecord(String workerId, String host, long pid, String version, int threads, String queue,
        Instant started, long tasksDone, double tasksPerSecond, List<String> runs, WorkerStatus status,
        Instant lastSeen) {
    public WorkerRecord {
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSeen, "lastSeen");
        runs = List.copyOf(runs);
        if (threads < 0 || tasksDone < 0 || tasksPerSecond < 0) {
            throw new IllegalArgumentException("counts must be >= 0 (worker " + workerId + ")");
        }
    }

    /** True when the worker has not stopped and was seen within {@link WorkerRegistry#LOST_AFTER} of {@code now}. */
    public boolean liveAt(Instant now) {
        return liveAt(now, WorkerRegistry.LOST_AFTER);
    }

    /**
     * True when the worker has not stopped and was seen within {@code lostAfter} of {@code now}. A reader that knows
     * its workers beat faster than {@link WorkerRegistry#HEARTBEAT} may take them as lost sooner.
     */
    public boolean liveAt(Instant now, Duration lostAfter) {
        return status != WorkerStatus.STOPPED && !lastSeen.plus(lostAfter).isBefore(now);
    }

    /** True when it neither stopped cleanly nor was seen within {@code lostAfter} of {@code now}: it died. */
    public boolean lostAt(Instant now, Duration lostAfter) {
        return status != WorkerStatus.STOPPED && lastSeen.plus(lostAfter).isBefore(now);
    }

    /** True when it holds bundles of the run. */
    public boolean holds(String runId) {
        return runs.contains(runId);
    }
}
