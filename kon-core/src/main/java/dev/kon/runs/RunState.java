package dev.kon.runs;

/** Where a run is in its life. */
public enum RunState {
    /** The client is still sending its tasks. */
    SUBMITTING,
    /** Every task is on the queue; workers are running them. */
    RUNNING,
    /** Every task has a result and the client has reported it. */
    DONE,
    /** Someone cancelled it: workers drop its bundles. */
    CANCELLED
}
