package dev.kon.aws.runs;

import static dev.kon.aws.runs.DynamoDbRunRegistry.n;
import static dev.kon.aws.runs.DynamoDbRunRegistry.s;

import dev.kon.ledger.LedgerException;
import dev.kon.runs.BundleFailures;
import dev.kon.runs.FailedTask;
import dev.kon.runs.RunRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A run's failed tasks in the runs table, beside its record: one item per bundle attempt's failures, keyed
 * {@code fail#BUNDLE#PART} ({@value #PART_DIGITS}-digit part numbers, as a failed bundle of a thousand tasks with
 * long arguments does not fit one 400 KB item). Keys depend on the bundle only, so a bundle run again overwrites
 * its parts; the parts an earlier attempt wrote beyond the new ones are deleted. The items carry no
 * {@link RunsTable#KIND}, so the index of recent runs never lists them, and expire with the retention period.
 *
 * <p>Thread-safety: thread-safe.
 */
final class RunFailureItems {
    static final String PREFIX = "fail#";
    static final String FAILURES = "failures";
    private static final int PART_DIGITS = 4;
    /** Bytes of failures per item: well under DynamoDB's 400 KB, with room for names and the key. */
    static final int PART_BYTES = 300_000;
    private static final int BATCH = 25;
    private static final int WRITE_ROUNDS = 8;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration retention;
    private final RunsTableCalls calls;

    RunFailureItems(DynamoDbClient dynamoDb, String table, Clock clock, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        this.calls = new RunsTableCalls(table);
    }

    boolean keep(BundleFailures f) {
        if (!f.failures().isEmpty() && failedSoFar(f.run()) >= RunRegistry.MAX_KEPT_FAILURES) {
            return false;
        }
        List<List<FailedTask>> parts = parts(f.failures());
        long expires = clock.instant().plus(retention).getEpochSecond();
        List<WriteRequest> writes = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(RunsTable.RUN, s(f.run()));
            item.put(RunsTable.ITEM, s(itemKey(f.bundleId(), p)));
            item.put(FAILURES, AttributeValue.fromL(parts.get(p).stream().map(RunFailureItems::encode).toList()));
            item.put(RunsTable.EXPIRES_AT, n(expires));
            writes.add(WriteRequest.builder().putRequest(b -> b.item(item)).build());
        }
        if (f.attempt() > 1) {
            // An earlier attempt of this bundle may have written more parts than this one: they go.
            for (String stale : partKeys(f.run(), f.bundleId())) {
                if (partNumber(stale) >= parts.size()) {
                    writes.add(WriteRequest.builder().deleteRequest(b -> b.key(Map.of(RunsTable.RUN, s(f.run()),
                            RunsTable.ITEM, s(stale)))).build());
                }
            }
        }
        for (int i = 0; i < writes.size(); i += BATCH) {
            write(writes.subList(i, Math.min(writes.size(), i + BATCH)));
        }
        return true;
    }

    List<FailedTask> failures(String runId, int max) {
        List<FailedTask> out = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            QueryResponse page = calls.call(() -> dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("#r = :run AND begins_with(#i, :fail)")
                    .expressionAttributeNames(Map.of("#r", RunsTable.RUN, "#i", RunsTable.ITEM))
                    .expressionAttributeValues(Map.of(":run", s(runId), ":fail", s(PREFIX)))
                    .exclusiveStartKey(start)));
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue l = item.get(FAILURES);
                if (l != null && l.hasL()) {
                    l.l().forEach(v -> out.add(decode(v.m())));
                }
            }
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        out.sort(Comparator.comparingLong(FailedTask::line));
        return out.subList(0, Math.min(Math.max(0, max), out.size()));
    }

    private long failedSoFar(String runId) {
        Map<String, AttributeValue> item = calls.call(() -> dynamoDb.getItem(b -> b.tableName(table)
                .key(DynamoDbRunRegistry.key(runId)).projectionExpression("#f")
                .expressionAttributeNames(Map.of("#f", RunsTable.FAILED)))).item();
        AttributeValue f = item == null ? null : item.get(RunsTable.FAILED);
        return f == null || f.n() == null ? 0 : Long.parseLong(f.n());
    }

    private List<String> partKeys(String runId, String bundleId) {
        List<String> out = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            QueryResponse page = calls.call(() -> dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("#r = :run AND begins_with(#i, :bundle)")
                    .projectionExpression("#i")
                    .expressionAttributeNames(Map.of("#r", RunsTable.RUN, "#i", RunsTable.ITEM))
                    .expressionAttributeValues(Map.of(":run", s(runId), ":bundle", s(PREFIX + bundleId + "#")))
                    .exclusiveStartKey(start)));
            page.items().forEach(i -> out.add(i.get(RunsTable.ITEM).s()));
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        return out;
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(table, batch);
        for (int round = 0; round < WRITE_ROUNDS && !left.isEmpty(); round++) {
            if (round > 0) {
                // DynamoDB answers unprocessed items when it throttles: back off before asking again.
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20L << round).toNanos());
            }
            Map<String, List<WriteRequest>> ask = left;
            BatchWriteItemResponse r = calls.call(() ->
                    dynamoDb.batchWriteItem(b -> b.requestItems(ask)));
            left = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
        }
        if (!left.isEmpty()) {
            throw new LedgerException("runs table '" + table + "': failed tasks not written after "
                    + WRITE_ROUNDS + " rounds (throttled)", null);
        }
    }

    static String itemKey(String bundleId, int part) {
        return PREFIX + bundleId + "#" + String.format("%0" + PART_DIGITS + "d", part);
    }

    private static int partNumber(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf('#') + 1));
    }

    /** Splits failures into items of at most {@link #PART_BYTES} (UTF-8 counted at its worst, 3 bytes a char). */
    static List<List<FailedTask>> parts(List<FailedTask> failures) {
        List<List<FailedTask>> out = new ArrayList<>();
        List<FailedTask> current = new ArrayList<>();
        long bytes = 0;
        for (FailedTask f : failures) {
            long size = 3L * (f.type().length() + f.args().length() + f.reason().length() + f.worker().length()) + 100;
            if (!current.isEmpty() && bytes + size > PART_BYTES) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(f);
            bytes += size;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static AttributeValue encode(FailedTask f) {
        return AttributeValue.fromM(Map.of("line", n(f.line()), "type", s(f.type()), "args", s(f.args()),
                "argsCut", AttributeValue.fromBool(f.argsCut()), "reason", s(f.reason()),
                "attempts", n(f.attempts()), "worker", s(f.worker())));
    }

    private static FailedTask decode(Map<String, AttributeValue> m) {
        return new FailedTask(Long.parseLong(m.get("line").n()), m.get("type").s(), m.get("args").s(),
                Boolean.TRUE.equals(m.get("argsCut").bool()), m.get("reason").s(),
                Long.parseLong(m.get("attempts").n()), m.get("worker").s());
    }
}
