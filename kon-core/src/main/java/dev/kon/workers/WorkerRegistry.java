package dev.kon.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The workers a deployment knows of, for {@code kon workers}, {@code kon status}, the web dashboard and the
 * autoscaler. Each worker writes its own record every {@link #HEARTBEAT} while it runs and once more, as
 * {@link WorkerStatus#STOPPED}, when it leaves cleanly. A worker that dies writes nothing: readers decide liveness
 * from {@link WorkerRecord#lastSeen()} themselves ({@link WorkerRecord#liveAt}), because the store's own expiry
 * (DynamoDB TTL) deletes late.
 *
 * <p>Thread-safety: every method may be called from many threads and processes at once.
 *
 * <p>Failure behaviour: a backend that cannot be reached throws a {@link dev.kon.KonException} subclass naming the
 * table. A worker treats a failed heartbeat as a warning, never as a reason to stop working.
 */
public interface WorkerRegistry {
    /** How often a running worker writes its record. */
    Duration HEARTBEAT = Duration.ofSeconds(10);
    /** A worker not seen for this long is taken as lost: three missed heartbeats. */
    Duration LOST_AFTER = Duration.ofSeconds(30);
    /** How long a record is kept after its last heartbeat before the store may drop it. */
    Duration RETENTION = Duration.ofDays(1);

    /** Writes the worker's record, replacing the one it wrote before. */
    void heartbeat(WorkerRecord worker);

    /** The worker's latest record, if it is known and not expired. */
    Optional<WorkerRecord> find(String workerId);

    /** Every known record not yet expired (live, lost and stopped), in no particular order. */
    List<WorkerRecord> all();

    /** The records of workers live at {@code now}. */
    default List<WorkerRecord> live(Instant now) {
        return live(now, LOST_AFTER);
    }

    /** The records of workers live at {@code now}, taking those not seen for {@code lostAfter} as lost. */
    default List<WorkerRecord> live(Instant now, Duration lostAfter) {
        return all().stream().filter(w -> w.liveAt(now, lostAfter)).toList();
    }
}
