package dev.kon.aws.ledger;

import dev.kon.aws.Uninterruptibly;
import dev.kon.ledger.Claim;
import dev.kon.ledger.Completion;
import dev.kon.ledger.HeldClaim;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerEntry;
import dev.kon.ledger.LedgerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An {@link ExecutionLedger} in one DynamoDB table (see {@link LedgerTable} for its schema and creation).
 *
 * <p>Every operation is a single conditional write, and the answer to a lost race comes from the same call
 * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), so there is no read-then-write window:
 * <ul>
 *   <li>{@link #claim}: UpdateItem to {@code RUNNING} with {@code ADD attempt 1} if the key is absent, dead-lettered, or running
 *       under a lease that ended before now (by this ledger's clock), or running for the same owner; the new
 *       attempt number comes back in the same answer;</li>
 *   <li>{@link #renew}: UpdateItem of {@code leaseUntil} if running under the caller's owner and attempt;</li>
 *   <li>{@link #completeIfOwnedBy}: an update to {@code DONE} of a running claim under the caller's owner and
 *       attempt, in one transaction with the run record's count update when a runs table is given (again true,
 *       and counted nothing, if already done under them); a dead-lettered completion goes to {@code DEAD} and
 *       stores its counts, and a later completion of the key is conditioned on them and counts the difference.</li>
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DynamoDbExecutionLedger.class);
    /** How long a running item outlives its lease before TTL may drop it: 14 days, the longest SQS retention. */
    public static final Duration RUNNING_RETENTION = Duration.ofDays(14);

    static final AttributeValue RUNNING = AttributeValue.fromS(LedgerTable.RUNNING);
    static final AttributeValue DONE = AttributeValue.fromS(LedgerTable.DONE);
    static final AttributeValue DEAD = AttributeValue.fromS(LedgerTable.DEAD);
    static final AttributeValue ONE = AttributeValue.fromN("1");
    static final String CLAIM_CONDITION =
            "attribute_not_exists(#k) OR #s = :dead OR (#s = :running AND (#l < :now OR #o = :owner))";
    static final String CLAIM_UPDATE = "SET #s = :running, #o = :owner, #l = :lease, #e = :expires ADD #a :one";
    /** The first claim of a key, the common case, as a put: it needs no old attempt number. */
    static final String FIRST_CLAIM_CONDITION = "attribute_not_exists(#k)";
    static final String HELD_CONDITION = "#o = :owner AND #a = :attempt";
    /**
     * Only a running claim is completed (and counted); a claim already DONE under the same owner and attempt is
     * answered true from the old item, without writing or counting again.
     */
    static final String COMPLETE_CONDITION = HELD_CONDITION + " AND #s = :running";
    /** The counts the caller assumes were counted before: none, or the ones a dead-lettering stored. */
    static final String NOTHING_COUNTED = " AND attribute_not_exists(#cf)";
    static final String COUNTED = " AND #cs = :cs AND #cf = :cf";
    static final String COMPLETE_UPDATE = "SET #s = :done, #e = :expires REMOVE #l";
    static final String DEAD_LETTER_UPDATE = "SET #s = :done, #e = :expires, #cs = :s, #cf = :f REMOVE #l";
    static final Map<String, String> NAMES = Map.of("#k", LedgerTable.KEY, "#s", LedgerTable.STATE,
            "#l", LedgerTable.LEASE_UNTIL, "#o", LedgerTable.OWNER, "#e", LedgerTable.EXPIRES_AT,
            "#a", LedgerTable.ATTEMPT, "#cs", LedgerTable.COUNTED_SUCCEEDED, "#cf", LedgerTable.COUNTED_FAILED);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final String runsTable;
    private final Duration runRetention;
    private volatile boolean countRuns;

    /** A ledger that counts completed bundles nowhere. */
    public DynamoDbExecutionLedger(DynamoDbClient dynamoDb, String table, Clock clock) {
        this(dynamoDb, table, clock, null, Duration.ZERO);
    }

    /**
     * A ledger that adds each completed bundle's counts to its run's record in {@code runsTable} (see
     * {@link dev.kon.aws.runs.DynamoDbRunRegistry}), in the transaction that completes the claim.
     */
    public DynamoDbExecutionLedger(DynamoDbClient dynamoDb, String table, Clock clock, String runsTable,
            Duration runRetention) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runsTable = runsTable;
        this.runRetention = runRetention;
        this.countRuns = runsTable != null;
    }

    /** False once the runs table was found missing: completions go on uncounted. */
    boolean countsRuns() {
        return countRuns;
    }

    /** The runs table does not exist: say so once and stop counting; answers true. */
    boolean runsTableMissing(String name) {
        if (countRuns) {
            countRuns = false;
            LOG.warn("runs table '{}' does not exist (run 'kon cloud provision'): runs are not counted", name);
        }
        return true;
    }

    /** First claims in one transaction; see {@link LedgerTransactions}. */
    @Override
    public List<Claim> claimAll(List<LeaseRequest> requests) {
        return transactions().claimAll(requests);
    }

    /** Completes in transactions of up to {@link LedgerTransactions#MAX_ITEMS}; see {@link LedgerTransactions}. */
    @Override
    public List<Boolean> completeAllIfOwnedBy(List<Completion> done, Instant keepUntil) {
        return transactions().completeAll(done, keepUntil);
    }

    private LedgerTransactions transactions() {
        return new LedgerTransactions(dynamoDb, table, clock, this, countRuns ? runsTable : null, runRetention);
    }

    /** The item of a first claim (attempt 1), for a put conditioned on {@link #FIRST_CLAIM_CONDITION}. */
    static Map<String, AttributeValue> firstClaimItem(LeaseRequest request) {
        return Map.of(
                LedgerTable.KEY, AttributeValue.fromS(request.key()),
                LedgerTable.STATE, RUNNING,
                LedgerTable.OWNER, AttributeValue.fromS(request.owner()),
                LedgerTable.LEASE_UNTIL, millis(request.leaseUntil()),
                LedgerTable.EXPIRES_AT, seconds(request.leaseUntil().plus(RUNNING_RETENTION)),
                LedgerTable.ATTEMPT, ONE);
    }

    /** Names for the attributes an expression uses: DynamoDB refuses unused names. */
    static Map<String, String> names(String... used) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String n : used) {
            out.put(n, NAMES.get(n));
        }
        return out;
    }

    @Override
    public Claim claim(LeaseRequest request) {
        try {
            Map<String, AttributeValue> now = call(request.key(), () -> dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of(LedgerTable.KEY, AttributeValue.fromS(request.key())))
                    .updateExpression(CLAIM_UPDATE)
                    .conditionExpression(CLAIM_CONDITION)
                    .expressionAttributeNames(names("#k", "#s", "#l", "#o", "#e", "#a"))
                    .expressionAttributeValues(Map.of(":running", RUNNING, ":dead", DEAD, ":now", millis(clock.instant()),
                            ":owner", AttributeValue.fromS(request.owner()), ":lease", millis(request.leaseUntil()),
                            ":expires", seconds(request.leaseUntil().plus(RUNNING_RETENTION)), ":one", ONE))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                    .attributes();
            return Claim.claimed(Long.parseLong(now.get(LedgerTable.ATTEMPT).n()));
        } catch (ConditionalCheckFailedException lost) {
            return lostClaim(lost.item());
        }
    }

    /**
     * The answer for a claim whose condition failed, from the item as it was. An item that vanished between the
     * check and now (TTL) is treated as held: the message comes back.
     */
    static Claim lostClaim(Map<String, AttributeValue> old) {
        return old != null && DONE.equals(old.get(LedgerTable.STATE)) ? Claim.ALREADY_DONE : Claim.HELD_BY_OTHER;
    }

    @Override
    public boolean renew(HeldClaim held, Instant leaseUntil) {
        try {
            call(held.key(), () -> dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of(LedgerTable.KEY, AttributeValue.fromS(held.key())))
                    .updateExpression("SET #l = :lease, #e = :expires")
                    .conditionExpression("#s = :running AND " + HELD_CONDITION)
                    .expressionAttributeNames(names("#s", "#o", "#a", "#l", "#e"))
                    .expressionAttributeValues(Map.of(":running", RUNNING,
                            ":owner", AttributeValue.fromS(held.owner()), ":attempt", number(held.attempt()),
                            ":lease", millis(leaseUntil),
                            ":expires", seconds(leaseUntil.plus(RUNNING_RETENTION))))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public boolean completeIfOwnedBy(Completion done, Instant keepUntil) {
        return transactions().completeAll(List.of(done), keepUntil).get(0);
    }

    /**
     * The conditional update that completes a running claim, answering the old item when it does not apply.
     * {@code counted} is what the caller assumes was counted for the key before (null: nothing); a dead-lettered
     * completion stores its own counts and leaves the key {@value LedgerTable#DEAD}, kept until {@code keepUntil}
     * or {@link #DEAD_RETENTION} from {@code now}, whichever is later.
     */
    static Update completion(String table, Completion done, int[] counted, Instant keepUntil, Instant now) {
        HeldClaim held = done.claim();
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":running", RUNNING,
                ":owner", AttributeValue.fromS(held.owner()), ":attempt", number(held.attempt())));
        String condition = COMPLETE_CONDITION;
        if (counted == null) {
            condition += NOTHING_COUNTED;
        } else {
            condition += COUNTED;
            values.put(":cs", number(counted[0]));
            values.put(":cf", number(counted[1]));
        }
        String update;
        if (done.deadLettered()) {
            update = DEAD_LETTER_UPDATE;
            values.put(":done", DEAD);
            values.put(":s", number(done.succeeded()));
            values.put(":f", number(done.failed()));
            Instant deadUntil = now.plus(DEAD_RETENTION);
            values.put(":expires", seconds(keepUntil.isAfter(deadUntil) ? keepUntil : deadUntil));
        } else {
            update = COMPLETE_UPDATE;
            values.put(":done", DONE);
            values.put(":expires", seconds(keepUntil));
        }
        return Update.builder().tableName(table)
                .key(Map.of(LedgerTable.KEY, AttributeValue.fromS(held.key())))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(counted == null && !done.deadLettered()
                        ? names("#s", "#o", "#a", "#l", "#e", "#cf") : names("#s", "#o", "#a", "#l", "#e", "#cs", "#cf"))
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /**
     * The counts stored on a key still running under this very claim, when they are not what the completion
     * assumed ({@code assumed}, null for none): the completion is then tried again assuming these. Null when the
     * item is anything else.
     */
    static int[] countedUnder(Map<String, AttributeValue> old, HeldClaim held, int[] assumed) {
        if (old == null || !RUNNING.equals(old.get(LedgerTable.STATE))
                || !AttributeValue.fromS(held.owner()).equals(old.get(LedgerTable.OWNER))
                || !number(held.attempt()).equals(old.get(LedgerTable.ATTEMPT))) {
            return null;
        }
        AttributeValue cs = old.get(LedgerTable.COUNTED_SUCCEEDED);
        AttributeValue cf = old.get(LedgerTable.COUNTED_FAILED);
        if (cs == null || cf == null) {
            return null;
        }
        int[] counted = {Integer.parseInt(cs.n()), Integer.parseInt(cf.n())};
        return java.util.Arrays.equals(counted, assumed) ? null : counted;
    }

    /**
     * True when {@code old} shows the key done (or dead-lettered) under this very claim: a completion repeated,
     * answered true.
     */
    static boolean doneUnder(Map<String, AttributeValue> old, HeldClaim held) {
        return old != null && (DONE.equals(old.get(LedgerTable.STATE)) || DEAD.equals(old.get(LedgerTable.STATE)))
                && AttributeValue.fromS(held.owner()).equals(old.get(LedgerTable.OWNER))
                && number(held.attempt()).equals(old.get(LedgerTable.ATTEMPT));
    }

    @Override
    public LedgerEntry read(String key) {
        Map<String, AttributeValue> item = call(key, () -> dynamoDb.getItem(b -> b.tableName(table)
                .key(Map.of(LedgerTable.KEY, AttributeValue.fromS(key))).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return LedgerEntry.absent(key);
        }
        AttributeValue state = item.get(LedgerTable.STATE);
        boolean done = DONE.equals(state) || DEAD.equals(state);
        AttributeValue owner = item.get(LedgerTable.OWNER);
        AttributeValue lease = item.get(LedgerTable.LEASE_UNTIL);
        AttributeValue attempt = item.get(LedgerTable.ATTEMPT);
        return new LedgerEntry(key, DEAD.equals(state) ? LedgerEntry.State.DEAD
                : done ? LedgerEntry.State.DONE : LedgerEntry.State.RUNNING,
                owner == null ? null : owner.s(),
                done || lease == null ? null : Instant.ofEpochMilli(Long.parseLong(lease.n())),
                attempt == null ? 0 : Long.parseLong(attempt.n()));
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

    static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    static AttributeValue seconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
