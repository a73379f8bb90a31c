package dev.kon.aws.runs;

import dev.kon.runs.BundleFailures;
import dev.kon.runs.FailedTask;
import dev.kon.runs.RunOrigin;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.runs.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A {@link RunRegistry} in one DynamoDB table ({@link RunsTable}); failed tasks are items beside each run's record
 * ({@link RunFailureItems}). Each change is one conditional write; the done
 * and failed counts are added by {@link dev.kon.aws.ledger.DynamoDbExecutionLedger} through {@link #countUpdate},
 * inside the transaction that completes a bundle's claim. Listing the recent runs is one query of the table's
 * sparse index. Every call completes even if the calling thread is interrupted.
 *
 * <p>Thread-safety: thread-safe, and safe across processes.
 */
public final class DynamoDbRunRegistry implements RunRegistry {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration retention;
    private final RunsTableCalls calls;
    private final RunFailureItems failures;

    public DynamoDbRunRegistry(DynamoDbClient dynamoDb, String table, Clock clock, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        this.calls = new RunsTableCalls(table);
        this.failures = new RunFailureItems(dynamoDb, table, clock, retention);
    }

    /** The table it reads and writes. */
    public String table() {
        return table;
    }

    static Map<String, AttributeValue> key(String runId) {
        return Map.of(RunsTable.RUN, s(runId), RunsTable.ITEM, s(RunsTable.RECORD));
    }

    /**
     * The update that adds a completed bundle's counts to its run's record, for the ledger's completion transaction.
     * A run never registered (a request of a session) gets a record with counts only, which no listing shows and
     * TTL drops.
     */
    public static Update countUpdate(String table, String runId, long succeeded, long failed, Instant at,
            Duration retention) {
        return Update.builder().tableName(table).key(key(runId))
                .updateExpression("ADD #d :d, #f :f SET #l = :at, #e = :exp")
                .expressionAttributeNames(Map.of("#d", RunsTable.DONE, "#f", RunsTable.FAILED,
                        "#l", RunsTable.LAST_ACTIVITY, "#e", RunsTable.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":d", n(succeeded + failed), ":f", n(failed),
                        ":at", n(at.toEpochMilli()), ":exp", n(at.plus(retention).getEpochSecond())))
                .build();
    }

    @Override
    public void register(RunRecord r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.runId()));
        item.put(RunsTable.KIND, s(RunsTable.RECORD));
        item.put(RunsTable.SUBMITTED_AT, n(r.submittedAt().toEpochMilli()));
        item.put(RunsTable.FROM, s(r.from()));
        item.put(RunsTable.WORKLOAD, s(r.workload()));
        item.put(RunsTable.TASK_QUEUE, s(r.taskQueue()));
        item.put(RunsTable.TASKS, n(r.tasks()));
        item.put(RunsTable.SENT, n(r.sent()));
        item.put(RunsTable.BUNDLES, n(r.bundles()));
        item.put(RunsTable.KNOWN_WORK_MS, n(r.knownWorkMs()));
        item.put(RunsTable.STATE, s(r.state().name()));
        item.put(RunsTable.DONE, n(r.done()));
        item.put(RunsTable.FAILED, n(r.failed()));
        item.put(RunsTable.LAST_ACTIVITY, n(r.lastActivity().toEpochMilli()));
        item.put(RunsTable.EXPIRES_AT, n(r.lastActivity().plus(retention).getEpochSecond()));
        item.put(RunsTable.RETRY_OF, s(r.origin().retryOf()));
        item.put(RunsTable.FINGERPRINT, s(r.origin().fingerprint()));
        item.put(RunsTable.BUNDLE_SIZE, n(r.origin().bundleSize()));
        item.put(RunsTable.TIME_LIMIT_MS, n(r.origin().timeLimitMs()));
        try {
            call(() -> dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#r)")
                    .expressionAttributeNames(Map.of("#r", RunsTable.RUN))));
        } catch (ConditionalCheckFailedException registered) {
            // registered before: the first record stands
        }
    }

    @Override
    public void submitted(String runId, long sent, long bundles, boolean complete) {
        Instant now = clock.instant();
        try {
            call(() -> dynamoDb.updateItem(b -> b.tableName(table).key(key(runId))
                    .updateExpression("SET #s = :s, #b = :b, #l = :at").conditionExpression("attribute_exists(#k)")
                    .expressionAttributeNames(Map.of("#s", RunsTable.SENT, "#b", RunsTable.BUNDLES,
                            "#l", RunsTable.LAST_ACTIVITY, "#k", RunsTable.KIND))
                    .expressionAttributeValues(Map.of(":s", n(sent), ":b", n(bundles),
                            ":at", n(now.toEpochMilli())))));
        } catch (ConditionalCheckFailedException notRegistered) {
            return;
        }
        if (complete) {
            // Only a run still submitting becomes running: one cancelled meanwhile stays cancelled.
            move(runId, RunState.SUBMITTING, RunState.RUNNING, now);
        }
    }

    @Override
    public boolean move(String runId, RunState from, RunState to, Instant at) {
        try {
            call(() -> dynamoDb.updateItem(b -> b.tableName(table).key(key(runId))
                    .updateExpression("SET #st = :to, #l = :at, #e = :exp")
                    .conditionExpression("#st = :from")
                    .expressionAttributeNames(Map.of("#st", RunsTable.STATE, "#l", RunsTable.LAST_ACTIVITY,
                            "#e", RunsTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":to", s(to.name()), ":from", s(from.name()),
                            ":at", n(at.toEpochMilli()), ":exp", n(at.plus(retention).getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException notThere) {
            return false;
        }
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(b -> b.tableName(table).key(key(runId))
                .consistentRead(true))).item();
        return item == null || !item.containsKey(RunsTable.KIND) ? Optional.empty() : Optional.of(record(item));
    }

    @Override
    public List<RunRecord> recent(int max) {
        List<RunRecord> out = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            int want = max - out.size();
            QueryResponse page = call(() -> dynamoDb.query(b -> b.tableName(table).indexName(RunsTable.RECENT)
                    .keyConditionExpression("#k = :record").scanIndexForward(false).limit(Math.min(want, 1000))
                    .expressionAttributeNames(Map.of("#k", RunsTable.KIND))
                    .expressionAttributeValues(Map.of(":record", s(RunsTable.RECORD)))
                    .exclusiveStartKey(start)));
            page.items().forEach(i -> out.add(record(i)));
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null && out.size() < max);
        return out.size() > max ? out.subList(0, max) : out;
    }

    private static RunRecord record(Map<String, AttributeValue> i) {
        return new RunRecord(i.get(RunsTable.RUN).s(), Instant.ofEpochMilli(num(i, RunsTable.SUBMITTED_AT)),
                str(i, RunsTable.FROM), str(i, RunsTable.WORKLOAD), str(i, RunsTable.TASK_QUEUE),
                num(i, RunsTable.TASKS), num(i, RunsTable.SENT), num(i, RunsTable.BUNDLES),
                i.containsKey(RunsTable.KNOWN_WORK_MS) ? num(i, RunsTable.KNOWN_WORK_MS) : -1,
                RunState.valueOf(str(i, RunsTable.STATE)), num(i, RunsTable.DONE), num(i, RunsTable.FAILED),
                Instant.ofEpochMilli(num(i, RunsTable.LAST_ACTIVITY)),
                new RunOrigin(str(i, RunsTable.RETRY_OF), str(i, RunsTable.FINGERPRINT),
                        (int) num(i, RunsTable.BUNDLE_SIZE), num(i, RunsTable.TIME_LIMIT_MS)));
    }

    @Override
    public boolean keepFailures(BundleFailures kept) {
        return failures.keep(kept);
    }

    @Override
    public List<FailedTask> failures(String runId, int max) {
        return failures.failures(runId, max);
    }

    private static long num(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static String str(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private <T> T call(Supplier<T> action) {
        return calls.call(action);
    }
}
