package dev.kon.aws.ledger;

import static dev.kon.aws.ledger.DynamoDbExecutionLedger.DONE;
import static dev.kon.aws.ledger.DynamoDbExecutionLedger.RUNNING;

import dev.kon.aws.Uninterruptibly;
import dev.kon.ledger.ClaimResult;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The ledger's batch operations as DynamoDB transactions: the same conditional writes as the single operations,
 * many in one round trip. A transaction is all or nothing, so when some conditions fail the cancellation reasons
 * (with the old items) answer those keys, and the rest is tried again without them; what still does not go
 * through after a few rounds (contention) is done one key at a time. One call per bundle batch instead of one per
 * bundle is what lets a distributed run pass a few thousand bundles a second.
 */
final class LedgerTransactions {
    /** Items per transaction (DynamoDB allows 100; 25 keeps every DynamoDB Local version happy). */
    static final int MAX_ITEMS = 25;
    private static final int ROUNDS = 3;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final DynamoDbExecutionLedger single;

    LedgerTransactions(DynamoDbClient dynamoDb, String table, Clock clock, DynamoDbExecutionLedger single) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.single = single;
    }

    List<ClaimResult> claimAll(List<LeaseRequest> requests) {
        ClaimResult[] out = new ClaimResult[requests.size()];
        List<String> keys = requests.stream().map(LeaseRequest::key).toList();
        if (requests.size() < 2 || hasDuplicates(keys)) {
            // A transaction may not touch one item twice; duplicates are rare (the same message twice in one
            // receive), so they simply go one by one.
            for (int i = 0; i < out.length; i++) {
                out[i] = single.claim(requests.get(i));
            }
            return Arrays.asList(out);
        }
        for (int from = 0; from < requests.size(); from += MAX_ITEMS) {
            List<Integer> pending = range(from, Math.min(requests.size(), from + MAX_ITEMS));
            for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
                List<TransactWriteItem> items = new ArrayList<>();
                AttributeValue now = DynamoDbExecutionLedger.millis(clock.instant());
                for (int i : pending) {
                    LeaseRequest r = requests.get(i);
                    items.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(DynamoDbExecutionLedger.claimItem(r))
                            .conditionExpression(DynamoDbExecutionLedger.CLAIM_CONDITION)
                            .expressionAttributeNames(Map.of("#k", LedgerTable.KEY, "#s", LedgerTable.STATE,
                                    "#l", LedgerTable.LEASE_UNTIL, "#o", LedgerTable.OWNER))
                            .expressionAttributeValues(Map.of(":running", RUNNING, ":now", now,
                                    ":owner", AttributeValue.fromS(r.owner())))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                            .build());
                }
                List<CancellationReason> reasons = run(items);
                List<Integer> again = new ArrayList<>();
                for (int j = 0; j < pending.size(); j++) {
                    int i = pending.get(j);
                    CancellationReason reason = reasons == null ? null : reasons.get(j);
                    if (reason == null) {
                        out[i] = ClaimResult.CLAIMED;
                    } else if ("ConditionalCheckFailed".equals(reason.code())) {
                        Map<String, AttributeValue> old = reason.item();
                        out[i] = old != null && DONE.equals(old.get(LedgerTable.STATE))
                                ? ClaimResult.ALREADY_DONE : ClaimResult.HELD_BY_OTHER;
                    } else {
                        again.add(i);
                    }
                }
                pending = again;
            }
            for (int i : pending) {
                out[i] = single.claim(requests.get(i));
            }
        }
        return Arrays.asList(out);
    }

    List<Boolean> completeAll(List<String> keys, String owner, Instant keepUntil) {
        Boolean[] out = new Boolean[keys.size()];
        if (keys.size() < 2 || hasDuplicates(keys)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = single.completeIfOwnedBy(keys.get(i), owner, keepUntil);
            }
            return Arrays.asList(out);
        }
        for (int from = 0; from < keys.size(); from += MAX_ITEMS) {
            List<Integer> pending = range(from, Math.min(keys.size(), from + MAX_ITEMS));
            for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
                List<TransactWriteItem> items = new ArrayList<>();
                for (int i : pending) {
                    String key = keys.get(i);
                    items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(Map.of(LedgerTable.KEY, AttributeValue.fromS(key)))
                            .updateExpression(DynamoDbExecutionLedger.COMPLETE_UPDATE)
                            .conditionExpression(DynamoDbExecutionLedger.COMPLETE_CONDITION)
                            .expressionAttributeNames(Map.of("#s", LedgerTable.STATE, "#o", LedgerTable.OWNER,
                                    "#l", LedgerTable.LEASE_UNTIL, "#e", LedgerTable.EXPIRES_AT))
                            .expressionAttributeValues(Map.of(":running", RUNNING, ":done", DONE,
                                    ":owner", AttributeValue.fromS(owner),
                                    ":expires", DynamoDbExecutionLedger.seconds(keepUntil))))
                            .build());
                }
                List<CancellationReason> reasons = run(items);
                List<Integer> again = new ArrayList<>();
                for (int j = 0; j < pending.size(); j++) {
                    int i = pending.get(j);
                    CancellationReason reason = reasons == null ? null : reasons.get(j);
                    if (reason == null) {
                        out[i] = true;
                    } else if ("ConditionalCheckFailed".equals(reason.code())) {
                        out[i] = false;
                    } else {
                        again.add(i);
                    }
                }
                pending = again;
            }
            for (int i : pending) {
                out[i] = single.completeIfOwnedBy(keys.get(i), owner, keepUntil);
            }
        }
        return Arrays.asList(out);
    }

    /**
     * Runs one transaction. Answers null when it went through, else a reason per item: those whose reason is
     * "None" did nothing wrong and are tried again.
     */
    private List<CancellationReason> run(List<TransactWriteItem> items) {
        try {
            Uninterruptibly.call(() -> dynamoDb.transactWriteItems(b -> b.transactItems(items)));
            return null;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons == null || reasons.size() != items.size()) {
                throw new LedgerException("ledger table '" + table + "': transaction cancelled without reasons: "
                        + e.getMessage(), e);
            }
            return reasons;
        } catch (SdkException e) {
            throw new LedgerException("ledger table '" + table + "': " + e.getMessage(), e);
        }
    }

    private static boolean hasDuplicates(List<String> keys) {
        Set<String> seen = new HashSet<>();
        for (String k : keys) {
            if (!seen.add(k)) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
