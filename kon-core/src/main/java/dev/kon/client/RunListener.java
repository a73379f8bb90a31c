package dev.kon.client;

import java.time.Duration;

/** Hears how a run goes; every method is called from the client's thread. All default to doing nothing. */
public interface RunListener {
    /** The run's id and reply queue exist; submission starts. */
    default void started(RunSpec spec, long tasks) {
    }

    /** Tasks handed to the queue so far. */
    default void submitted(long tasks) {
    }

    /** Called about five times a second while results come in, and once at the end. */
    default void progress(CollectStats stats) {
    }

    /** No new result for {@code quiet}: perhaps no worker is running. Called about every ten seconds of quiet. */
    default void stalled(Duration quiet, CollectStats stats) {
    }
}
