package dev.kon.workers;

/** What a worker said of itself in its last heartbeat. */
public enum WorkerStatus {
    /** Taking and running bundles. */
    RUNNING,
    /** Taking no more bundles; finishing those in hand, then leaving. */
    DRAINING,
    /** Left cleanly. */
    STOPPED
}
