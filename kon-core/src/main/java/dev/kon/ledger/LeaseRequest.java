package dev.kon.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * @param key        the id of the unit of work (a task bundle id)
 * @param owner      who asks: a worker id unique across processes and restarts
 * @param leaseUntil until when the owner holds the key if it does not renew
 */
public record LeaseRequest(String key, String owner, Instant leaseUntil) {
    public LeaseRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
    }
}
