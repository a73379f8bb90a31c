package dev.kon.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records which unit of work (a bundle of tasks, keyed by its id) is being run by whom and which is done, so a
 * message the queue delivers twice is run once.
 *
 * <p>Exactly-once rests on {@link #claim}: one conditional write that succeeds only when the key is new, or held
 * under an expired lease, or already held by the same owner. Every successful claim gets the next attempt number
 * of its key ({@link Claim#attempt()}), the fencing token: renewals and completions name it in a {@link HeldClaim}
 * and are refused for any attempt but the latest. Every other guarantee is built on this in the worker.
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
    /**
     * How long a dead-lettered key is kept at least: 14 days, the longest a dead-letter queue keeps a message, so
     * a redriven copy still finds what was counted for it.
     */
    java.time.Duration DEAD_RETENTION = java.time.Duration.ofDays(14);

    /** Claims {@code request.key()} for {@code request.owner()} until {@code request.leaseUntil()}. */
    Claim claim(LeaseRequest request);

    /**
     * Extends the lease of a claim still held by {@code held.owner()} under {@code held.attempt()} and not done.
     *
     * @return false if the claim was lost (claimed again after expiry, by another owner or the same) or is done
     */
    boolean renew(HeldClaim held, Instant leaseUntil);

    /**
     * Marks the key done if {@code done.claim()} is still its latest claim, so later deliveries are acknowledged
     * without running, and in the same step adds the bundle's counts to its run's record (see
     * {@link dev.kon.runs.RunRegistry}). The done record is kept at least until {@code keepUntil}, then may be
     * dropped (DynamoDB TTL). Completing again under the same claim answers true and counts nothing.
     *
     * <p>A {@linkplain Completion#deadLettered() dead-lettered} completion leaves the key
     * {@link LedgerEntry.State#DEAD} instead, kept at least {@link #DEAD_RETENTION}: a later {@link #claim} of it
     * is granted (the next attempt), and the completion of that claim adds to the run's record only the difference
     * between its counts and those counted when the key was dead-lettered. So a dead-lettered bundle is counted
     * (its tasks as failed) at once, and a bundle redriven and run counts its tasks once in all.
     *
     * @return false, and nothing written, when the key was claimed again since, or is done under another claim
     */
    boolean completeIfOwnedBy(Completion done, Instant keepUntil);

    /**
     * Claims several keys; the answer for each, in order. The same semantics as {@link #claim} per key; a backend
     * may answer them in fewer round trips (DynamoDB: one transaction for the keys never claimed before).
     */
    default List<Claim> claimAll(List<LeaseRequest> requests) {
        List<Claim> out = new ArrayList<>(requests.size());
        for (LeaseRequest r : requests) {
            out.add(claim(r));
        }
        return out;
    }

    /**
     * {@link #completeIfOwnedBy} for several claims; the answer for each, in order, in as few round trips as the
     * backend allows.
     */
    default List<Boolean> completeAllIfOwnedBy(List<Completion> done, Instant keepUntil) {
        List<Boolean> out = new ArrayList<>(done.size());
        for (Completion c : done) {
            out.add(completeIfOwnedBy(c, keepUntil));
        }
        return out;
    }

    /** What the ledger holds for the key; {@link LedgerEntry#absent(String)} when nothing. For status and tests. */
    LedgerEntry read(String key);
}
