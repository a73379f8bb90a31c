package dev.kon.aws.runs;

import dev.kon.ledger.LedgerException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The DynamoDB table behind {@link DynamoDbRunRegistry}: partition key {@value #RUN} (the run id), sort key
 * {@value #ITEM} ({@value #RECORD} for the run's record; later kinds of item of a run, such as its failed tasks,
 * sort beside it), on-demand billing, TTL on {@value #EXPIRES_AT}. A sparse global secondary index
 * {@value #RECENT} on {@value #KIND} and {@value #SUBMITTED_AT} lists run records newest first without a scan:
 * only record items carry {@value #KIND}.
 *
 * <p>{@link #create} and {@link #delete} are idempotent and wait until the table is usable or gone.
 */
public final class RunsTable {
    public static final String RUN = "run";
    public static final String ITEM = "item";
    public static final String RECORD = "record";
    public static final String KIND = "kind";
    public static final String SUBMITTED_AT = "submittedAt";
    public static final String RECENT = "recent";
    public static final String FROM = "from";
    public static final String WORKLOAD = "workload";
    public static final String TASK_QUEUE = "taskQueue";
    public static final String TASKS = "tasks";
    public static final String SENT = "sent";
    public static final String BUNDLES = "bundles";
    public static final String KNOWN_WORK_MS = "knownWorkMs";
    public static final String STATE = "state";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String LAST_ACTIVITY = "lastActivity";
    public static final String EXPIRES_AT = "expiresAt";

    private RunsTable() {
    }

    /** Creates the table (with its index) if missing, waits until it is active, and enables TTL. */
    public static void create(DynamoDbClient dynamoDb, String table) {
        try {
            try {
                dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                attribute(RUN, ScalarAttributeType.S), attribute(ITEM, ScalarAttributeType.S),
                                attribute(KIND, ScalarAttributeType.S),
                                attribute(SUBMITTED_AT, ScalarAttributeType.N))
                        .keySchema(key(RUN, KeyType.HASH), key(ITEM, KeyType.RANGE))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(RECENT)
                                .keySchema(key(KIND, KeyType.HASH), key(SUBMITTED_AT, KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
            } catch (ResourceInUseException alreadyThere) {
                // created before (or being created): wait for it below
            }
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table), RunsTable::patiently);
            TimeToLiveStatus ttl = dynamoDb.describeTimeToLive(b -> b.tableName(table))
                    .timeToLiveDescription().timeToLiveStatus();
            if (ttl != TimeToLiveStatus.ENABLED && ttl != TimeToLiveStatus.ENABLING) {
                dynamoDb.updateTimeToLive(b -> b.tableName(table)
                        .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
            }
        } catch (SdkException e) {
            throw new LedgerException("creating runs table '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    /** Deletes the table and its items if it exists, and waits until it is gone. */
    public static void delete(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.deleteTable(b -> b.tableName(table));
            dynamoDb.waiter().waitUntilTableNotExists(b -> b.tableName(table), RunsTable::patiently);
        } catch (ResourceNotFoundException alreadyGone) {
            // the outcome asked for
        } catch (SdkException e) {
            throw new LedgerException("deleting runs table '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    /** True when the table exists. */
    public static boolean exists(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static void patiently(WaiterOverrideConfiguration.Builder waiting) {
        waiting.waitTimeout(Duration.ofMinutes(2)).backoffStrategyV2(
                software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofSeconds(2)));
    }
}
