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
    private final RunCounter runs;
    private final ConcurrentMap<String, LedgerEntry> entries = new ConcurrentHashMap<>();

    /** A ledger that counts completed bundles nowhere. */
    public InMemoryExecutionLedger(Clock clock) {
        this(clock, RunCounter.NONE);
    }

    /** A ledger that adds each completed bundle's counts to {@code runs}, once. */
    public InMemoryExecutionLedger(Clock clock, RunCounter runs) {
        this.clock = clock;
        this.runs = runs;
    }

    @Override
    public Claim claim(LeaseRequest r) {
        Claim[] answer = new Claim[1];
        entries.compute(r.key(), (k, e) -> {
            if (e == null || e.state() == LedgerEntry.State.RUNNING
                    && (e.owner().equals(r.owner()) || e.leaseUntil().isBefore(clock.instant()))) {
                long attempt = e == null ? 1 : e.attempt() + 1;
                answer[0] = Claim.claimed(attempt);
                return new LedgerEntry(k, LedgerEntry.State.RUNNING, r.owner(), r.leaseUntil(), attempt);
            }
            answer[0] = e.state() == LedgerEntry.State.DONE ? Claim.ALREADY_DONE : Claim.HELD_BY_OTHER;
            return e;
        });
        return answer[0];
    }

    @Override
    public boolean renew(HeldClaim held, Instant leaseUntil) {
        boolean[] ok = new boolean[1];
        entries.computeIfPresent(held.key(), (k, e) -> {
            if (e.state() == LedgerEntry.State.RUNNING && matches(e, held)) {
                ok[0] = true;
                return new LedgerEntry(k, LedgerEntry.State.RUNNING, e.owner(), leaseUntil, e.attempt());
            }
            return e;
        });
        return ok[0];
    }

    @Override
    public boolean completeIfOwnedBy(Completion done, Instant keepUntil) {
        HeldClaim held = done.claim();
        boolean[] ok = new boolean[1];
        entries.computeIfPresent(held.key(), (k, e) -> {
            if (matches(e, held)) {
                ok[0] = true;
                if (e.state() == LedgerEntry.State.RUNNING) {
                    // Inside the entry's atomic step: only the completion that turns it done counts.
                    runs.add(done.run(), done.succeeded(), done.failed(), clock.instant());
                }
                return new LedgerEntry(k, LedgerEntry.State.DONE, e.owner(), null, e.attempt());
            }
            return e;
        });
        return ok[0];
    }

    private static boolean matches(LedgerEntry e, HeldClaim held) {
        return e.owner().equals(held.owner()) && e.attempt() == held.attempt();
    }

    @Override
    public LedgerEntry read(String key) {
        LedgerEntry e = entries.get(key);
        return e == null ? LedgerEntry.absent(key) : e;
    }
}
