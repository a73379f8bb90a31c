package dev.kon.ledger;

import java.util.Objects;

/**
 * A claim to complete, and what its bundle's tasks came to: the ledger adds the counts to the run's record in the
 * same step as the completion, so each bundle is counted once, however often it is run or completed again.
 *
 * <p>A dead-lettered completion ({@link #deadLettered()}) is counted the same way, so its run does not wait for it,
 * but leaves the key {@link LedgerEntry.State#DEAD}, not done: a redriven copy of its message is claimed and run,
 * and that run's completion corrects the counts rather than adding to them.
 *
 * @param claim        the claim being completed
 * @param run          the id of the run the bundle belongs to
 * @param succeeded    tasks of the bundle that succeeded
 * @param failed       tasks of the bundle that failed
 * @param deadLettered true when the bundle was given up and its message kept on the dead-letter queue
 */
public record Completion(HeldClaim claim, String run, int succeeded, int failed, boolean deadLettered) {
    public Completion {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(run, "run");
        if (succeeded < 0 || failed < 0) {
            throw new IllegalArgumentException("succeeded and failed must be >= 0, were " + succeeded + " and "
                    + failed);
        }
    }

    /** The completion of a bundle that ran (or was answered) and is done for good. */
    public Completion(HeldClaim claim, String run, int succeeded, int failed) {
        this(claim, run, succeeded, failed, false);
    }
}
