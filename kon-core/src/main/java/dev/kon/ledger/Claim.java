package dev.kon.ledger;

/**
 * The answer to {@link ExecutionLedger#claim}: the outcome and, when claimed, the claim's attempt number.
 *
 * <p>The attempt number is the fencing token of the claim: 1 for the first claim of a key, one more for every
 * later successful claim of it (a takeover after an expired lease, or a second claim by the same owner). Renewals
 * and completions name it ({@link HeldClaim}), and the ledger refuses those of an older attempt, so a worker that
 * froze past its lease can neither keep nor complete work another worker has taken over.
 *
 * @param outcome what happened
 * @param attempt the attempt number when {@link ClaimResult#CLAIMED}, else 0
 */
public record Claim(ClaimResult outcome, long attempt) {
    public static final Claim ALREADY_DONE = new Claim(ClaimResult.ALREADY_DONE, 0);
    public static final Claim HELD_BY_OTHER = new Claim(ClaimResult.HELD_BY_OTHER, 0);

    public Claim {
        java.util.Objects.requireNonNull(outcome, "outcome");
        if (outcome == ClaimResult.CLAIMED ? attempt < 1 : attempt != 0) {
            throw new IllegalArgumentException("attempt must be >= 1 when claimed and 0 otherwise, was " + attempt
                    + " for " + outcome);
        }
    }

    public static Claim claimed(long attempt) {
        return new Claim(ClaimResult.CLAIMED, attempt);
    }

    public boolean isClaimed() {
        return outcome == ClaimResult.CLAIMED;
    }
}
