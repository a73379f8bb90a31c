package dev.kon.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link ExecutionLedger} in a map, for local mode and tests. Each operation is one atomic
 * {@link ConcurrentMap#compute}, the in-memory counterpart of a conditional write. Done records are kept for the
 * life of the object.
 */
public final class InMemoryExecutionLedger implements ExecutionLedger {
    private final Clock clock;
    private final ConcurrentMap<String, LedgerEntry> entries = new ConcurrentHashMap<>();

    public InMemoryExecutionLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ClaimResult claim(LeaseRequest r) {
        ClaimResult[] answer = new ClaimResult[1];
        entries.compute(r.key(), (k, e) -> {
            if (e == null || e.state() == LedgerEntry.State.RUNNING
                    && (e.owner().equals(r.owner()) || e.leaseUntil().isBefore(clock.instant()))) {
                answer[0] = ClaimResult.CLAIMED;
                return new LedgerEntry(k, LedgerEntry.State.RUNNING, r.owner(), r.leaseUntil());
            }
            answer[0] = e.state() == LedgerEntry.State.DONE ? ClaimResult.ALREADY_DONE : ClaimResult.HELD_BY_OTHER;
            return e;
        });
        return answer[0];
    }

    @Override
    public boolean renew(LeaseRequest r) {
        boolean[] ok = new boolean[1];
        entries.computeIfPresent(r.key(), (k, e) -> {
            if (e.state() == LedgerEntry.State.RUNNING && e.owner().equals(r.owner())) {
                ok[0] = true;
                return new LedgerEntry(k, LedgerEntry.State.RUNNING, r.owner(), r.leaseUntil());
            }
            return e;
        });
        return ok[0];
    }

    @Override
    public boolean completeIfOwnedBy(String key, String owner, Instant keepUntil) {
        boolean[] ok = new boolean[1];
        entries.computeIfPresent(key, (k, e) -> {
            if (e.owner().equals(owner)) {
                ok[0] = true;
                return new LedgerEntry(k, LedgerEntry.State.DONE, owner, null);
            }
            return e;
        });
        return ok[0];
    }

    @Override
    public LedgerEntry read(String key) {
        LedgerEntry e = entries.get(key);
        return e == null ? LedgerEntry.absent(key) : e;
    }
}
