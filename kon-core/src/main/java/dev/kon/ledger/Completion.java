package dev.kon.ledger;

import java.util.Objects;

/**
 * A claim to complete, and what its bundle's tasks came to: the ledger adds the counts to the run's record in the
 * same step as the completion, so each bundle is counted once, however often it is run or completed again.
 *
 * @param claim     the claim being completed
 * @param run       the id of the run the bundle belongs to
 * @param succeeded tasks of the bundle that succeeded
 * @param failed    tasks of the bundle that failed
 */
public record Completion(HeldClaim claim, String run, int succeeded, int failed) {
    public Completion {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(run, "run");
        if (succeeded < 0 || failed < 0) {
            throw new IllegalArgumentException("succeeded and failed must be >= 0, were " + succeeded + " and "
                    + failed);
        }
    }
}
