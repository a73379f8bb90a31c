package dev.kon.aws.runs;

import dev.kon.aws.DynamoTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB table behind {@link DynamoDbRunRegistry}: partition key {@value #RUN} (the run id), sort key
 * {@value #ITEM} ({@value #RECORD} for the run's record; its failed tasks, {@code fail#BUNDLE#PART}, sort beside
 * it), on-demand billing, TTL on {@value #EXPIRES_AT}. A sparse global secondary index
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
    public static final String RETRY_OF = "retryOf";
    public static final String FINGERPRINT = "fingerprint";
    public static final String BUNDLE_SIZE = "bundleSize";
    public static final String TIME_LIMIT_MS = "timeLimitMs";
    private static final String WHAT = "runs table";

    private RunsTable() {
    }

    /** Creates the table (with its index) if missing, waits until it is active, and enables TTL. */
    public static void create(DynamoDbClient dynamoDb, String table) {
        DynamoTables.create(dynamoDb, table, WHAT, b -> b
                .attributeDefinitions(attribute(RUN, ScalarAttributeType.S), attribute(ITEM, ScalarAttributeType.S),
                        attribute(KIND, ScalarAttributeType.S), attribute(SUBMITTED_AT, ScalarAttributeType.N))
                .keySchema(key(RUN, KeyType.HASH), key(ITEM, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(RECENT)
                        .keySchema(key(KIND, KeyType.HASH), key(SUBMITTED_AT, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()), EXPIRES_AT);
    }

    /** Deletes the table and its items if it exists, and waits until it is gone. */
    public static void delete(DynamoDbClient dynamoDb, String table) {
        DynamoTables.delete(dynamoDb, table, WHAT);
    }

    /** True when the table exists. */
    public static boolean exists(DynamoDbClient dynamoDb, String table) {
        return DynamoTables.exists(dynamoDb, table, WHAT);
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
