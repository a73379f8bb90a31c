package dev.kon.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link ExecutionLedger} in a map, for local mode and tests. Each operation is one atomic
 * {@link ConcurrentMap#compute}, the in-memory counterpart of a conditional write. Done and dead-lettered records
 * are kept for the life of the object.
 */
public final class InMemoryExecutionLedger implements ExecutionLedger {
    private final Clock clock;
    private final RunCounter runs;
    private final ConcurrentMap<String, Item> entries = new ConcurrentHashMap<>();

    /**
     * A key's entry and what has been counted for it so far (0 and 0 until its first completion), so the
     * completion of a redriven copy of a dead-lettered bundle adds only the difference.
     */
    private record Item(LedgerEntry entry, int countedSucceeded, int countedFailed) {
        LedgerEntry.State state() {
            return entry.state();
        }
    }

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
        entries.compute(r.key(), (k, i) -> {
            LedgerEntry e = i == null ? null : i.entry();
            if (e == null || e.state() == LedgerEntry.State.DEAD || e.state() == LedgerEntry.State.RUNNING
                    && (e.owner().equals(r.owner()) || e.leaseUntil().isBefore(clock.instant()))) {
                long attempt = e == null ? 1 : e.attempt() + 1;
                answer[0] = Claim.claimed(attempt);
                return new Item(new LedgerEntry(k, LedgerEntry.State.RUNNING, r.owner(), r.leaseUntil(), attempt),
                        i == null ? 0 : i.countedSucceeded(), i == null ? 0 : i.countedFailed());
            }
            answer[0] = e.state() == LedgerEntry.State.DONE ? Claim.ALREADY_DONE : Claim.HELD_BY_OTHER;
            return i;
        });
        return answer[0];
    }

    @Override
    public boolean renew(HeldClaim held, Instant leaseUntil) {
        boolean[] ok = new boolean[1];
        entries.computeIfPresent(held.key(), (k, i) -> {
            LedgerEntry e = i.entry();
            if (e.state() == LedgerEntry.State.RUNNING && matches(e, held)) {
                ok[0] = true;
                return new Item(new LedgerEntry(k, LedgerEntry.State.RUNNING, e.owner(), leaseUntil, e.attempt()),
                        i.countedSucceeded(), i.countedFailed());
            }
            return i;
        });
        return ok[0];
    }

    @Override
    public boolean completeIfOwnedBy(Completion done, Instant keepUntil) {
        HeldClaim held = done.claim();
        boolean[] ok = new boolean[1];
        entries.computeIfPresent(held.key(), (k, i) -> {
            LedgerEntry e = i.entry();
            if (!matches(e, held)) {
                return i;
            }
            ok[0] = true;
            if (e.state() != LedgerEntry.State.RUNNING) {
                return i;
            }
            // Inside the entry's atomic step: only the completion that ends the running claim counts, and only
            // what was not counted when the key was dead-lettered before.
            runs.add(done.run(), done.succeeded() - i.countedSucceeded(), done.failed() - i.countedFailed(),
                    clock.instant());
            LedgerEntry.State to = done.deadLettered() ? LedgerEntry.State.DEAD : LedgerEntry.State.DONE;
            return new Item(new LedgerEntry(k, to, e.owner(), null, e.attempt()), done.succeeded(), done.failed());
        });
        return ok[0];
    }

    private static boolean matches(LedgerEntry e, HeldClaim held) {
        return e.owner().equals(held.owner()) && e.attempt() == held.attempt();
    }

    @Override
    public LedgerEntry read(String key) {
        Item i = entries.get(key);
        return i == null ? LedgerEntry.absent(key) : i.entry();
    }
}
