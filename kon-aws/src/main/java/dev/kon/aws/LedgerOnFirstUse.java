package dev.kon.aws;

import dev.kon.ledger.Claim;
import dev.kon.ledger.Completion;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.HeldClaim;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link ExecutionLedger} that builds the real one (and so its DynamoDB client) on its first call, and hands
 * every call to it, the batch defaults included. Thread-safe: two first calls at once build it once.
 */
final class LedgerOnFirstUse implements ExecutionLedger {
    private final Supplier<ExecutionLedger> factory;
    private volatile ExecutionLedger ledger;

    LedgerOnFirstUse(Supplier<ExecutionLedger> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public Claim claim(LeaseRequest request) {
        return ledger().claim(request);
    }

    @Override
    public boolean renew(HeldClaim held, Instant leaseUntil) {
        return ledger().renew(held, leaseUntil);
    }

    @Override
    public boolean completeIfOwnedBy(Completion done, Instant keepUntil) {
        return ledger().completeIfOwnedBy(done, keepUntil);
    }

    @Override
    public List<Claim> claimAll(List<LeaseRequest> requests) {
        return ledger().claimAll(requests);
    }

    @Override
    public List<Boolean> completeAllIfOwnedBy(List<Completion> done, Instant keepUntil) {
        return ledger().completeAllIfOwnedBy(done, keepUntil);
    }

    @Override
    public LedgerEntry read(String key) {
        return ledger().read(key);
    }

    private ExecutionLedger ledger() {
        ExecutionLedger l = ledger;
        if (l == null) {
            synchronized (this) {
                l = ledger;
                if (l == null) {
                    l = Objects.requireNonNull(factory.get(), "ledger");
                    ledger = l;
                }
            }
        }
        return l;
    }
}
