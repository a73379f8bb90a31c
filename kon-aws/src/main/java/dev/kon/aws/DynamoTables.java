package dev.kon.aws;

import dev.kon.ledger.LedgerException;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creating, deleting and looking for Kon's DynamoDB tables, the same way for each: on-demand billing, TTL on one
 * attribute, idempotent, and waiting until the table is usable or gone. Failures are {@link LedgerException}s
 * naming the table ({@code what} says which of Kon's tables it is, e.g. "ledger table").
 */
public final class DynamoTables {
    private DynamoTables() {
    }

    /**
     * Creates the table if missing ({@code shape} gives its keys and indexes), waits until it is active, and
     * enables TTL on {@code ttlAttribute}. A table that exists is brought up to date in place: the global secondary
     * indexes of {@code shape} that it lacks (a table made by an earlier Kon) are added, one at a time, each waited
     * for until it is active. Keys cannot change in place; Kon has never changed them.
     */
    public static void create(DynamoDbClient dynamoDb, String table, String what,
            Consumer<CreateTableRequest.Builder> shape, String ttlAttribute) {
        try {
            CreateTableRequest wanted = CreateTableRequest.builder().applyMutation(b -> shape.accept(
                    b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST))).build();
            boolean existed = false;
            try {
                dynamoDb.createTable(wanted);
            } catch (ResourceInUseException alreadyThere) {
                // created before (or being created): wait for it below, then add what it lacks
                existed = true;
            }
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table), DynamoTables::patiently);
            if (existed) {
                addMissingIndexes(dynamoDb, wanted);
            }
            TimeToLiveStatus ttl = dynamoDb.describeTimeToLive(b -> b.tableName(table))
                    .timeToLiveDescription().timeToLiveStatus();
            // Enabling TTL twice is an error on DynamoDB, so look first.
            if (ttl != TimeToLiveStatus.ENABLED && ttl != TimeToLiveStatus.ENABLING) {
                dynamoDb.updateTimeToLive(b -> b.tableName(table)
                        .timeToLiveSpecification(t -> t.attributeName(ttlAttribute).enabled(true)));
            }
        } catch (SdkException e) {
            throw new LedgerException("creating " + what + " '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    /** Adds the indexes of {@code wanted} that the existing table lacks, and waits until each is active. */
    private static void addMissingIndexes(DynamoDbClient dynamoDb, CreateTableRequest wanted) {
        if (!wanted.hasGlobalSecondaryIndexes()) {
            return;
        }
        String table = wanted.tableName();
        java.util.Set<String> present = new java.util.HashSet<>();
        var description = dynamoDb.describeTable(b -> b.tableName(table)).table();
        if (description.hasGlobalSecondaryIndexes()) {
            description.globalSecondaryIndexes().forEach(i -> present.add(i.indexName()));
        }
        for (var index : wanted.globalSecondaryIndexes()) {
            if (present.contains(index.indexName())) {
                continue;
            }
            java.util.Set<String> keyNames = new java.util.HashSet<>();
            index.keySchema().forEach(k -> keyNames.add(k.attributeName()));
            dynamoDb.updateTable(b -> b.tableName(table)
                    .attributeDefinitions(wanted.attributeDefinitions().stream()
                            .filter(a -> keyNames.contains(a.attributeName())).toList())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                            .keySchema(index.keySchema()).projection(index.projection()))));
            awaitIndexActive(dynamoDb, table, index.indexName());
        }
    }

    /** Polls every second, for up to 10 minutes (a large table backfills its new index first). */
    private static void awaitIndexActive(DynamoDbClient dynamoDb, String table, String index) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            var status = dynamoDb.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                    .filter(i -> i.indexName().equals(index)).findFirst()
                    .map(i -> i.indexStatus()).orElse(null);
            if (status == software.amazon.awssdk.services.dynamodb.model.IndexStatus.ACTIVE) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LedgerException("index '" + index + "' of table '" + table + "' is not active after 10 "
                        + "minutes; run 'kon cloud provision' again later", null);
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerException("interrupted waiting for index '" + index + "' of table '" + table + "'",
                        e);
            }
        }
    }

    /** Deletes the table and its items if it exists, and waits until it is gone. */
    public static void delete(DynamoDbClient dynamoDb, String table, String what) {
        try {
            dynamoDb.deleteTable(b -> b.tableName(table));
            dynamoDb.waiter().waitUntilTableNotExists(b -> b.tableName(table), DynamoTables::patiently);
        } catch (ResourceNotFoundException alreadyGone) {
            // the outcome asked for
        } catch (ResourceInUseException busy) {
            throw new LedgerException(what + " '" + table + "' is busy (being created or updated); retry", busy);
        } catch (SdkException e) {
            throw new LedgerException("deleting " + what + " '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    /** True if the table exists (in any status). */
    public static boolean exists(DynamoDbClient dynamoDb, String table, String what) {
        try {
            dynamoDb.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("describing " + what + " '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    /** Polls every 2 s (the SDK's default is 20 s) for up to 2 minutes. */
    private static void patiently(WaiterOverrideConfiguration.Builder waiting) {
        waiting.waitTimeout(Duration.ofMinutes(2)).backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofSeconds(2)));
    }
}
