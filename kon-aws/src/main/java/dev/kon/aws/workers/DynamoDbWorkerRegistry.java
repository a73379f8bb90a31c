package dev.kon.aws.workers;

import dev.kon.aws.Uninterruptibly;
import dev.kon.ledger.LedgerException;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import dev.kon.workers.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A {@link WorkerRegistry} in one DynamoDB table ({@link WorkersTable}): a heartbeat is one unconditional put of
 * the worker's item (each worker writes only its own), listing is one scan of the small table, page by page. Items
 * past their retention are left out on reading, since DynamoDB's TTL deletes them up to days late. An item this
 * version cannot read (a status a newer Kon wrote) is left out too. Every call completes even if the calling thread
 * is interrupted.
 *
 * <p>Thread-safety: thread-safe, and safe across processes.
 */
public final class DynamoDbWorkerRegistry implements WorkerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbWorkerRegistry.class);
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration retention;
    private final int pageSize;

    public DynamoDbWorkerRegistry(DynamoDbClient dynamoDb, String table, Clock clock, Duration retention) {
        this(dynamoDb, table, clock, retention, 0);
    }

    /** With at most {@code pageSize} items per scan page (0 = DynamoDB's own 1 MB pages), for tests of paging. */
    DynamoDbWorkerRegistry(DynamoDbClient dynamoDb, String table, Clock clock, Duration retention, int pageSize) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        this.pageSize = pageSize;
    }

    /** The table it reads and writes. */
    public String table() {
        return table;
    }

    @Override
    public void heartbeat(WorkerRecord w) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(WorkersTable.WORKER, s(w.workerId()));
        item.put(WorkersTable.HOST, s(w.host()));
        item.put(WorkersTable.PID, n(w.pid()));
        item.put(WorkersTable.VERSION, s(w.version()));
        item.put(WorkersTable.THREADS, n(w.threads()));
        item.put(WorkersTable.QUEUE, s(w.queue()));
        item.put(WorkersTable.STARTED, n(w.started().toEpochMilli()));
        item.put(WorkersTable.TASKS_DONE, n(w.tasksDone()));
        item.put(WorkersTable.TASKS_PER_SECOND, AttributeValue.fromN(Double.toString(w.tasksPerSecond())));
        item.put(WorkersTable.RUNS, AttributeValue.fromL(w.runs().stream().map(AttributeValue::fromS).toList()));
        item.put(WorkersTable.STATUS, s(w.status().name()));
        item.put(WorkersTable.LAST_SEEN, n(w.lastSeen().toEpochMilli()));
        item.put(WorkersTable.EXPIRES_AT, n(w.lastSeen().plus(retention).getEpochSecond()));
        call(() -> dynamoDb.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public Optional<WorkerRecord> find(String workerId) {
        Map<String, AttributeValue> item = call(() -> dynamoDb.getItem(b -> b.tableName(table)
                .key(Map.of(WorkersTable.WORKER, s(workerId))).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : record(item, clock.instant());
    }

    @Override
    public List<WorkerRecord> all() {
        Instant now = clock.instant();
        List<WorkerRecord> out = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            ScanResponse page = call(() -> dynamoDb.scan(b -> {
                b.tableName(table).consistentRead(true).exclusiveStartKey(start);
                if (pageSize > 0) {
                    b.limit(pageSize);
                }
            }));
            page.items().forEach(i -> record(i, now).ifPresent(out::add));
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        return out;
    }

    private Optional<WorkerRecord> record(Map<String, AttributeValue> i, Instant now) {
        try {
            Instant lastSeen = Instant.ofEpochMilli(num(i, WorkersTable.LAST_SEEN));
            if (lastSeen.plus(retention).isBefore(now)) {
                return Optional.empty();
            }
            AttributeValue rate = i.get(WorkersTable.TASKS_PER_SECOND);
            List<String> runs = i.containsKey(WorkersTable.RUNS) && i.get(WorkersTable.RUNS).hasL()
                    ? i.get(WorkersTable.RUNS).l().stream().map(AttributeValue::s).toList() : List.of();
            return Optional.of(new WorkerRecord(i.get(WorkersTable.WORKER).s(), str(i, WorkersTable.HOST),
                    num(i, WorkersTable.PID), str(i, WorkersTable.VERSION), (int) num(i, WorkersTable.THREADS),
                    str(i, WorkersTable.QUEUE), Instant.ofEpochMilli(num(i, WorkersTable.STARTED)),
                    num(i, WorkersTable.TASKS_DONE), rate == null || rate.n() == null ? 0 : Double.parseDouble(rate.n()),
                    runs, WorkerStatus.valueOf(str(i, WorkersTable.STATUS)), lastSeen));
        } catch (RuntimeException unreadable) {
            LOG.debug("skipping an unreadable item of workers table '{}': {}", table, unreadable.toString());
            return Optional.empty();
        }
    }

    private static long num(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static String str(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private <T> T call(Supplier<T> action) {
        try {
            return Uninterruptibly.call(action);
        } catch (ResourceNotFoundException e) {
            throw new LedgerException("workers table '" + table + "' does not exist: run 'kon cloud provision'", e);
        } catch (SdkException e) {
            throw new LedgerException("workers table '" + table + "': " + e.getMessage(), e);
        }
    }
}
