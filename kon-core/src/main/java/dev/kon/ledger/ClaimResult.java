package dev.kon.ledger;

/** The answer to {@link ExecutionLedger#claim}. */
public enum ClaimResult {
    /** The caller now holds the key and should run the work. */
    CLAIMED,
    /** The work was completed before: acknowledge the message without running it. */
    ALREADY_DONE,
    /** Another owner holds a live lease: leave the message alone; it reappears if that owner dies. */
    HELD_BY_OTHER
}
