package dev.kon.ledger;

import java.util.Objects;

/**
 * A claim as its holder names it when renewing or completing: the key, the owner, and the attempt number the
 * ledger gave the claim ({@link Claim#attempt()}). The ledger acts only if all three still match.
 *
 * @param key     the unit of work's id
 * @param owner   the worker holding it
 * @param attempt the claim's attempt number, at least 1
 */
public record HeldClaim(String key, String owner, long attempt) {
    public HeldClaim {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
    }
}
