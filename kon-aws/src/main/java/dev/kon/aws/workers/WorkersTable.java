package dev.kon.aws.workers;

import dev.kon.aws.DynamoTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB table behind {@link DynamoDbWorkerRegistry}: one item per worker, partition key {@value #WORKER}
 * (the worker id), on-demand billing, TTL on {@value #EXPIRES_AT}. It holds one item per worker seen within the
 * retention, a few dozen at most, so it is read whole with one scan; it has no index.
 *
 * <p>{@link #create} and {@link #delete} are idempotent and wait until the table is usable or gone.
 */
public final class WorkersTable {
    public static final String WORKER = "worker";
    public static final String HOST = "host";
    public static final String PID = "pid";
    public static final String VERSION = "version";
    public static final String THREADS = "threads";
    public static final String QUEUE = "queue";
    public static final String STARTED = "started";
    public static final String TASKS_DONE = "tasksDone";
    public static final String TASKS_PER_SECOND = "tasksPerSecond";
    public static final String RUNS = "runs";
    public static final String STATUS = "status";
    public static final String LAST_SEEN = "lastSeen";
    public static final String EXPIRES_AT = "expiresAt";
    private static final String WHAT = "workers table";

    private WorkersTable() {
    }

    /** Creates the table if missing, waits until it is active, and enables TTL. */
    public static void create(DynamoDbClient dynamoDb, String table) {
        DynamoTables.create(dynamoDb, table, WHAT, b -> b
                .attributeDefinitions(AttributeDefinition.builder().attributeName(WORKER)
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(WORKER).keyType(KeyType.HASH).build()),
                EXPIRES_AT);
    }

    /** Deletes the table and its items if it exists, and waits until it is gone. */
    public static void delete(DynamoDbClient dynamoDb, String table) {
        DynamoTables.delete(dynamoDb, table, WHAT);
    }

    /** True when the table exists. */
    public static boolean exists(DynamoDbClient dynamoDb, String table) {
        return DynamoTables.exists(dynamoDb, table, WHAT);
    }
}
