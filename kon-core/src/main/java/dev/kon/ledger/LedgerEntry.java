package dev.kon.ledger;

import java.time.Instant;

/**
 * A ledger record as read back.
 *
 * @param key        the unit of work's id
 * @param state      {@link State#ABSENT}, {@link State#RUNNING} or {@link State#DONE}
 * @param owner      who holds or completed it; null when absent
 * @param leaseUntil the lease's end while running; null otherwise
 */
public record LedgerEntry(String key, State state, String owner, Instant leaseUntil) {
    public enum State { ABSENT, RUNNING, DONE }

    public static LedgerEntry absent(String key) {
        return new LedgerEntry(key, State.ABSENT, null, null);
    }
}
