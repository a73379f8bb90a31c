package dev.kon.ledger;

/**
 * Records which unit of work (a bundle of tasks, keyed by its id) is being run by whom and which is done, so a
 * message the queue delivers twice is run once.
 *
 * <p>Exactly-once rests on {@link #claim}: one conditional write that succeeds only when the key is new, or held
 * under an expired lease, or already held by the same owner. Every other guarantee is built on it in the worker.
 *
 * <p>Time: leases are compared with the ledger's own {@link java.time.Clock}, given to the adapter at
 * construction. Owners on different machines must have clocks within a small fraction of the lease length.
 *
 * <p>Thread-safety: every method may be called from many threads and processes at once.
 *
 * <p>Failure behaviour: lost races and duplicates are answers ({@link ClaimResult}), never exceptions; a
 * backend that cannot be reached throws {@link LedgerException}.
 */
public interface ExecutionLedger {

    /** Claims {@code request.key()} for {@code request.owner()} until {@code request.leaseUntil()}. */
    ClaimResult claim(LeaseRequest request);

    /**
     * Extends the lease of a claim still held by {@code request.owner()} and not done.
     *
     * @return false if the claim was lost (taken by another owner after expiry) or is done
     */
    boolean renew(LeaseRequest request);

    /**
     * Marks the key done if {@code owner} still holds it, so later deliveries are acknowledged without running.
     * The done record is kept at least until {@code keepUntil}, then may be dropped (DynamoDB TTL).
     *
     * @return false, and nothing written, when another owner holds the key or it is already done by another
     */
    boolean completeIfOwnedBy(String key, String owner, java.time.Instant keepUntil);

    /** What the ledger holds for the key; {@link LedgerEntry#absent(String)} when nothing. For status and tests. */
    LedgerEntry read(String key);
}
