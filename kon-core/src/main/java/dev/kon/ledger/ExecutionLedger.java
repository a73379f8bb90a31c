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

    /**
     * Claims several keys; the answer for each, in order. The same semantics as {@link #claim} per key; a backend
     * may answer them in fewer round trips (DynamoDB: one transaction when none is contended).
     */
    default java.util.List<ClaimResult> claimAll(java.util.List<LeaseRequest> requests) {
        java.util.List<ClaimResult> out = new java.util.ArrayList<>(requests.size());
        for (LeaseRequest r : requests) {
            out.add(claim(r));
        }
        return out;
    }

    /**
     * {@link #completeIfOwnedBy} for several keys of one owner; the answer for each, in order, in as few round
     * trips as the backend allows.
     */
    default java.util.List<Boolean> completeAllIfOwnedBy(java.util.List<String> keys, String owner,
            java.time.Instant keepUntil) {
        java.util.List<Boolean> out = new java.util.ArrayList<>(keys.size());
        for (String k : keys) {
            out.add(completeIfOwnedBy(k, owner, keepUntil));
        }
        return out;
    }

    /** What the ledger holds for the key; {@link LedgerEntry#absent(String)} when nothing. For status and tests. */
    LedgerEntry read(String key);
}
