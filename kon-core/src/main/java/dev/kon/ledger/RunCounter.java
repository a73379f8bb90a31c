package dev.kon.ledger;

import java.time.Instant;

/**
 * Where an in-memory ledger adds a completed bundle's counts: the run registry of the same process. A remote ledger
 * writes them itself, in the transaction that completes the claim.
 */
@FunctionalInterface
public interface RunCounter {
    /** Counts nowhere. */
    RunCounter NONE = (run, succeeded, failed, at) -> { };

    /**
     * Adds a completed bundle's tasks to the run's counts, once per completion; negative numbers correct what was
     * counted when the bundle was dead-lettered (see {@link Completion#deadLettered()}).
     */
    void add(String run, long succeeded, long failed, Instant at);
}
