package dev.kon.aws.ledger;

import static dev.kon.aws.ledger.DynamoDbExecutionLedger.DONE;
import static dev.kon.aws.ledger.DynamoDbExecutionLedger.RUNNING;

import dev.kon.aws.Uninterruptibly;
import dev.kon.ledger.Claim;
import dev.kon.ledger.HeldClaim;
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
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The ledger's batch operations as DynamoDB transactions: the same conditional writes as the single operations,
 * many in one round trip. Claims go in a transaction only as first claims (a put of attempt 1 on an absent key):
 * a transaction returns no values, so a claim that must raise an existing attempt number goes one by one. A transaction is all or nothing, so when some conditions fail the cancellation reasons
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

    List<Claim> claimAll(List<LeaseRequest> requests) {
        Claim[] out = new Claim[requests.size()];
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
            List<Integer> oneByOne = new ArrayList<>();
            for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
                List<TransactWriteItem> items = new ArrayList<>();
                for (int i : pending) {
                    LeaseRequest r = requests.get(i);
                    items.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(DynamoDbExecutionLedger.firstClaimItem(r))
                            .conditionExpression(DynamoDbExecutionLedger.FIRST_CLAIM_CONDITION)
                            .expressionAttributeNames(DynamoDbExecutionLedger.names("#k"))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                            .build());
                }
                List<CancellationReason> reasons = run(items);
                long now = clock.millis();
                List<Integer> again = new ArrayList<>();
                for (int j = 0; j < pending.size(); j++) {
                    int i = pending.get(j);
                    CancellationReason reason = reasons == null ? null : reasons.get(j);
                    if (reason == null) {
                        out[i] = Claim.claimed(1);
                    } else if ("ConditionalCheckFailed".equals(reason.code())) {
                        Map<String, AttributeValue> old = reason.item();
                        if (heldElsewhere(old, requests.get(i).owner(), now) || DONE.equals(stateOf(old))) {
                            out[i] = DynamoDbExecutionLedger.lostClaim(old);
                        } else {
                            // Claimed before and now free (lease over) or ours: a claim that needs the old attempt
                            // number, one by one.
                            oneByOne.add(i);
                        }
                    } else {
                        again.add(i);
                    }
                }
                pending = again;
            }
            oneByOne.addAll(pending);
            for (int i : oneByOne) {
                out[i] = single.claim(requests.get(i));
            }
        }
        return Arrays.asList(out);
    }

    private static AttributeValue stateOf(Map<String, AttributeValue> item) {
        return item == null ? null : item.get(LedgerTable.STATE);
    }

    /** True when the item is running under another owner's live lease, as the claim condition would find it. */
    private static boolean heldElsewhere(Map<String, AttributeValue> item, String owner, long nowMillis) {
        if (item == null || !RUNNING.equals(item.get(LedgerTable.STATE))) {
            return false;
        }
        AttributeValue o = item.get(LedgerTable.OWNER);
        AttributeValue lease = item.get(LedgerTable.LEASE_UNTIL);
        return o != null && !owner.equals(o.s()) && lease != null && Long.parseLong(lease.n()) >= nowMillis;
    }

    List<Boolean> completeAll(List<HeldClaim> held, Instant keepUntil) {
        Boolean[] out = new Boolean[held.size()];
        if (held.size() < 2 || hasDuplicates(held.stream().map(HeldClaim::key).toList())) {
            for (int i = 0; i < out.length; i++) {
                out[i] = single.completeIfOwnedBy(held.get(i), keepUntil);
            }
            return Arrays.asList(out);
        }
        for (int from = 0; from < held.size(); from += MAX_ITEMS) {
            List<Integer> pending = range(from, Math.min(held.size(), from + MAX_ITEMS));
            for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
                List<TransactWriteItem> items = new ArrayList<>();
                for (int i : pending) {
                    UpdateItemRequest u = DynamoDbExecutionLedger.completion(table, held.get(i), keepUntil);
                    items.add(TransactWriteItem.builder().update(b -> b.tableName(table).key(u.key())
                            .updateExpression(u.updateExpression())
                            .conditionExpression(u.conditionExpression())
                            .expressionAttributeNames(u.expressionAttributeNames())
                            .expressionAttributeValues(u.expressionAttributeValues()))
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
                out[i] = single.completeIfOwnedBy(held.get(i), keepUntil);
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
