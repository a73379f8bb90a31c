package dev.kon.aws.ledger;

import dev.kon.aws.Uninterruptibly;
import dev.kon.ledger.ClaimResult;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerEntry;
import dev.kon.ledger.LedgerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * An {@link ExecutionLedger} in one DynamoDB table (see {@link LedgerTable} for its schema and creation).
 *
 * <p>Every operation is a single conditional write, and the answer to a lost race comes from the same call
 * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), so there is no read-then-write window:
 * <ul>
 *   <li>{@link #claim}: PutItem {@code RUNNING} if the key is absent, or running under a lease that ended before
 *       now (by this ledger's clock), or running for the same owner;</li>
 *   <li>{@link #renew}: UpdateItem of {@code leaseUntil} if running and owned by the caller;</li>
 *   <li>{@link #completeIfOwnedBy}: UpdateItem to {@code DONE} if owned by the caller (again true if already
 *       done by the caller).</li>
 * </ul>
 *
 * <p>Items expire through DynamoDB TTL on {@code expiresAt}: a done item at its {@code keepUntil}, a running one
 * {@link #RUNNING_RETENTION} after its lease (past any SQS retention, so no message can still need it).
 *
 * <p>Every call completes even if the calling thread is interrupted (see {@link Uninterruptibly}): a worker
 * stopping between receiving and claiming must still claim what it holds.
 *
 * <p>Thread-safety: thread-safe, and safe across processes. Failure behaviour: {@link LedgerException} naming the
 * table when it is missing ("run 'kon cloud provision'") or DynamoDB fails; lost races are answers.
 */
public final class DynamoDbExecutionLedger implements ExecutionLedger {
    /** How long a running item outlives its lease before TTL may drop it: 14 days, the longest SQS retention. */
    public static final Duration RUNNING_RETENTION = Duration.ofDays(14);

    static final AttributeValue RUNNING = AttributeValue.fromS(LedgerTable.RUNNING);
    static final AttributeValue DONE = AttributeValue.fromS(LedgerTable.DONE);
    static final String CLAIM_CONDITION =
            "attribute_not_exists(#k) OR (#s = :running AND (#l < :now OR #o = :owner))";
    /** DONE by the same owner passes too: completing twice answers true, as the port asks. */
    static final String COMPLETE_CONDITION = "#o = :owner AND (#s = :running OR #s = :done)";
    static final String COMPLETE_UPDATE = "SET #s = :done, #e = :expires REMOVE #l";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbExecutionLedger(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Claims in one transaction while none is contended; see {@link LedgerTransactions}. */
    @Override
    public java.util.List<ClaimResult> claimAll(java.util.List<LeaseRequest> requests) {
        return new LedgerTransactions(dynamoDb, table, clock, this).claimAll(requests);
    }

    /** Completes in transactions of up to {@link LedgerTransactions#MAX_ITEMS}; see {@link LedgerTransactions}. */
    @Override
    public java.util.List<Boolean> completeAllIfOwnedBy(java.util.List<String> keys, String owner, Instant keepUntil) {
        return new LedgerTransactions(dynamoDb, table, clock, this).completeAll(keys, owner, keepUntil);
    }

    static Map<String, AttributeValue> claimItem(LeaseRequest request) {
        return Map.of(
                LedgerTable.KEY, AttributeValue.fromS(request.key()),
                LedgerTable.STATE, RUNNING,
                LedgerTable.OWNER, AttributeValue.fromS(request.owner()),
                LedgerTable.LEASE_UNTIL, millis(request.leaseUntil()),
                LedgerTable.EXPIRES_AT, seconds(request.leaseUntil().plus(RUNNING_RETENTION)));
    }

    @Override
    public ClaimResult claim(LeaseRequest request) {
        Map<String, AttributeValue> item = claimItem(request);
        try {
            call(request.key(), () -> dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(CLAIM_CONDITION)
                    .expressionAttributeNames(Map.of("#k", LedgerTable.KEY, "#s", LedgerTable.STATE,
                            "#l", LedgerTable.LEASE_UNTIL, "#o", LedgerTable.OWNER))
                    .expressionAttributeValues(Map.of(":running", RUNNING, ":now", millis(clock.instant()),
                            ":owner", AttributeValue.fromS(request.owner())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return ClaimResult.CLAIMED;
        } catch (ConditionalCheckFailedException lost) {
            Map<String, AttributeValue> old = lost.item();
            // An item that vanished between the check and now (TTL) is treated as held: the message comes back.
            return old != null && DONE.equals(old.get(LedgerTable.STATE))
                    ? ClaimResult.ALREADY_DONE : ClaimResult.HELD_BY_OTHER;
        }
    }

    @Override
    public boolean renew(LeaseRequest request) {
        try {
            call(request.key(), () -> dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of(LedgerTable.KEY, AttributeValue.fromS(request.key())))
                    .updateExpression("SET #l = :lease, #e = :expires")
                    .conditionExpression("#s = :running AND #o = :owner")
                    .expressionAttributeNames(Map.of("#s", LedgerTable.STATE, "#o", LedgerTable.OWNER,
                            "#l", LedgerTable.LEASE_UNTIL, "#e", LedgerTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":running", RUNNING,
                            ":owner", AttributeValue.fromS(request.owner()),
                            ":lease", millis(request.leaseUntil()),
                            ":expires", seconds(request.leaseUntil().plus(RUNNING_RETENTION))))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public boolean completeIfOwnedBy(String key, String owner, Instant keepUntil) {
        try {
            call(key, () -> dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of(LedgerTable.KEY, AttributeValue.fromS(key)))
                    .updateExpression(COMPLETE_UPDATE)
                    .conditionExpression(COMPLETE_CONDITION)
                    .expressionAttributeNames(Map.of("#s", LedgerTable.STATE, "#o", LedgerTable.OWNER,
                            "#l", LedgerTable.LEASE_UNTIL, "#e", LedgerTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":running", RUNNING, ":done", DONE,
                            ":owner", AttributeValue.fromS(owner), ":expires", seconds(keepUntil)))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public LedgerEntry read(String key) {
        Map<String, AttributeValue> item = call(key, () -> dynamoDb.getItem(b -> b.tableName(table)
                .key(Map.of(LedgerTable.KEY, AttributeValue.fromS(key))).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return LedgerEntry.absent(key);
        }
        boolean done = DONE.equals(item.get(LedgerTable.STATE));
        AttributeValue owner = item.get(LedgerTable.OWNER);
        AttributeValue lease = item.get(LedgerTable.LEASE_UNTIL);
        return new LedgerEntry(key, done ? LedgerEntry.State.DONE : LedgerEntry.State.RUNNING,
                owner == null ? null : owner.s(),
                done || lease == null ? null : Instant.ofEpochMilli(Long.parseLong(lease.n())));
    }

    /** The table this ledger writes to. */
    public String table() {
        return table;
    }

    @Override
    public String toString() {
        return "DynamoDbExecutionLedger[" + table + "]";
    }

    private <T> T call(String key, Supplier<T> action) {
        try {
            return Uninterruptibly.call(action);
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (ResourceNotFoundException e) {
            throw new LedgerException("ledger table '" + table + "' does not exist: run 'kon cloud provision'", e);
        } catch (SdkException e) {
            throw new LedgerException("ledger table '" + table + "', key '" + key + "': " + e.getMessage(), e);
        }
    }

    static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    static AttributeValue seconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
