package dev.kon.aws.ledger;

import dev.kon.aws.DynamoTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB table behind {@link DynamoDbExecutionLedger}: partition key {@value #KEY} (string), on-demand
 * billing, TTL on {@value #EXPIRES_AT}. Attributes: {@value #STATE} ({@value #RUNNING}, {@value #DONE} or
 * {@value #DEAD}), {@value #COUNTED_SUCCEEDED} and {@value #COUNTED_FAILED} (on keys dead-lettered once),
 * {@value #OWNER}, {@value #LEASE_UNTIL} (epoch milliseconds), {@value #EXPIRES_AT} (epoch seconds).
 *
 * <p>{@link #create} and {@link #delete} are idempotent and wait until the table is usable or gone.
 */
public final class LedgerTable {
    public static final String KEY = "key";
    public static final String STATE = "state";
    public static final String OWNER = "owner";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String EXPIRES_AT = "expiresAt";
    /** The number of the latest claim of the key, its fencing token (see {@code dev.kon.ledger.Claim}). */
    public static final String ATTEMPT = "attempt";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    /** A dead-lettered key: counted, and free for a redriven copy to claim (see {@code LedgerEntry.State.DEAD}). */
    public static final String DEAD = "DEAD";
    /** Tasks of the key's bundle counted as succeeded so far; set when it is dead-lettered. */
    public static final String COUNTED_SUCCEEDED = "countedSucceeded";
    /** Tasks of the key's bundle counted as failed so far; set when it is dead-lettered. */
    public static final String COUNTED_FAILED = "countedFailed";

    private LedgerTable() {
    }

    /** Creates the table if missing, waits until it is active, and enables TTL on {@value #EXPIRES_AT}. */
    public static void create(DynamoDbClient dynamoDb, String table) {
        DynamoTables.create(dynamoDb, table, "ledger table", b -> b
                .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY)
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()), EXPIRES_AT);
    }

    /** Deletes the table and its items if it exists, and waits until it is gone. */
    public static void delete(DynamoDbClient dynamoDb, String table) {
        DynamoTables.delete(dynamoDb, table, "ledger table");
    }

    /** True if the table exists (in any status). */
    public static boolean exists(DynamoDbClient dynamoDb, String table) {
        return DynamoTables.exists(dynamoDb, table, "ledger table");
    }
}
