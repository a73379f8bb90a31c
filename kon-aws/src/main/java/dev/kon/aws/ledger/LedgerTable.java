package dev.kon.aws.ledger;

import dev.kon.ledger.LedgerException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The DynamoDB table behind {@link DynamoDbExecutionLedger}: partition key {@value #KEY} (string), on-demand
 * billing, TTL on {@value #EXPIRES_AT}. Attributes: {@value #STATE} ({@value #RUNNING} or {@value #DONE}),
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

    private LedgerTable() {
    }

    /** Creates the table if missing, waits until it is active, and enables TTL on {@value #EXPIRES_AT}. */
    public static void create(DynamoDbClient dynamoDb, String table) {
        try {
            try {
                dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY)
                                .attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()));
            } catch (ResourceInUseException alreadyThere) {
                // created before (or being created): wait for it below
            }
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table),
                    LedgerTable::patiently);
            TimeToLiveStatus ttl = dynamoDb.describeTimeToLive(b -> b.tableName(table))
                    .timeToLiveDescription().timeToLiveStatus();
            // Enabling TTL twice is an error on DynamoDB, so look first.
            if (ttl != TimeToLiveStatus.ENABLED && ttl != TimeToLiveStatus.ENABLING) {
                dynamoDb.updateTimeToLive(b -> b.tableName(table)
                        .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
            }
        } catch (SdkException e) {
            throw new LedgerException("creating ledger table '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    /** Deletes the table and its items if it exists, and waits until it is gone. */
    public static void delete(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.deleteTable(b -> b.tableName(table));
            dynamoDb.waiter().waitUntilTableNotExists(b -> b.tableName(table),
                    LedgerTable::patiently);
        } catch (ResourceNotFoundException alreadyGone) {
            // the outcome asked for
        } catch (ResourceInUseException busy) {
            throw new LedgerException("ledger table '" + table + "' is busy (being created or updated); retry", busy);
        } catch (SdkException e) {
            throw new LedgerException("deleting ledger table '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    /** Polls every 2 s (the SDK's default is 20 s) for up to 2 minutes. */
    private static void patiently(WaiterOverrideConfiguration.Builder waiting) {
        waiting.waitTimeout(Duration.ofMinutes(2)).backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofSeconds(2)));
    }

    /** True if the table exists (in any status). */
    public static boolean exists(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("describing ledger table '" + table + "' failed: " + e.getMessage(), e);
        }
    }
}
