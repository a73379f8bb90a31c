package dev.kon.ledger;

import java.time.Instant;

/**
 * A ledger record as read back.
 *
 * @param key        the unit of work's id
 * @param state      {@link State#ABSENT}, {@link State#RUNNING}, {@link State#DONE} or {@link State#DEAD}
 * @param owner      who holds or completed it; null when absent
 * @param leaseUntil the lease's end while running; null otherwise
 * @param attempt    the attempt number of the latest claim (see {@link Claim}); 0 when absent
 */
public record LedgerEntry(String key, State state, String owner, Instant leaseUntil, long attempt) {
    /** Where a key is. */
    public enum State {
        /** Never claimed, or dropped after its retention. */
        ABSENT,
        /** Claimed; held while its lease lasts. */
        RUNNING,
        /** Completed: later deliveries are acknowledged without running. */
        DONE,
        /**
         * Given up and dead-lettered: counted in its run's record, and free to be claimed again by a redriven
         * copy, whose completion corrects the counts (see {@link Completion#deadLettered()}).
         */
        DEAD
    }

    public static LedgerEntry absent(String key) {
        return new LedgerEntry(key, State.ABSENT, null, null, 0);
    }
}
