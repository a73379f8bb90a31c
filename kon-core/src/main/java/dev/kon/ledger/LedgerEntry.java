package dev.kon.ledger;

import java.time.Instant;

/**
 * A ledger record as read back.
 *
 * @param key        the unit of work's id
 * @param state      {@link State#ABSENT}, {@link State#RUNNING} or {@link State#DONE}
 * @param owner      who holds or completed it; null when absent
 * @param leaseUntil the lease's end while running; null otherwise
 * @param attempt    the attempt number of the latest claim (see {@link Claim}); 0 when absent
 */
public record LedgerEntry(String key, State state, String owner, Instant leaseUntil, long attempt) {
    public enum State { ABSENT, RUNNING, DONE }

    public static LedgerEntry absent(String key) {
        return new LedgerEntry(key, State.ABSENT, null, null, 0);
    }
}
