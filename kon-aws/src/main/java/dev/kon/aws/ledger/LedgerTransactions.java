package dev.kon.aws.ledger;

import static dev.kon.aws.ledger.DynamoDbExecutionLedger.DONE;
import static dev.kon.aws.ledger.DynamoDbExecutionLedger.RUNNING;

import dev.kon.aws.Uninterruptibly;
import dev.kon.ledger.Claim;
import dev.kon.aws.runs.DynamoDbRunRegistry;
import dev.kon.ledger.Completion;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerException;
import java.time.Clock;
import java.time.Duration;
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
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
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
    /** Rounds a completion is tried before it is given up for contention. */
    static final int COMPLETE_ROUNDS = 8;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final DynamoDbExecutionLedger single;
    /** Where completed bundles are counted, or null. */
    private final String runsTable;
    private final Duration runRetention;
    /**
     * By index of a completion: what was counted for its key when it was dead-lettered, learnt from a condition
     * that failed on it; absent when nothing is known to be counted.
     */
    private final Map<Integer, int[]> counted = new java.util.HashMap<>();

    LedgerTransactions(DynamoDbClient dynamoDb, String table, Clock clock, DynamoDbExecutionLedger single,
            String runsTable, Duration runRetention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.single = single;
        this.runsTable = runsTable;
        this.runRetention = runRetention;
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

    /**
     * Completes the claims, each in a transaction with its run's count update (one per run and transaction, the
     * counts summed), so a bundle is counted exactly when its claim turns done. Claims that do not apply are
     * answered from the old item (done under the same claim: true, counted before; anything else: false);
     * the rest of a cancelled transaction is tried again, up to {@value #COMPLETE_ROUNDS} rounds.
     *
     * @throws LedgerException when some could not be completed for contention after every round; nothing of those
     *                         was written, and their messages come back
     */
    List<Boolean> completeAll(List<Completion> done, Instant keepUntil) {
        Boolean[] out = new Boolean[done.size()];
        List<Integer> pending = range(0, done.size());
        if (hasDuplicates(done.stream().map(c -> c.claim().key()).toList())) {
            // A transaction may not touch one item twice: the same key twice goes one at a time.
            for (int i = 0; i < out.length; i++) {
                out[i] = new LedgerTransactions(dynamoDb, table, clock, single, runsTable, runRetention)
                        .completeAll(List.of(done.get(i)), keepUntil).get(0);
            }
            return Arrays.asList(out);
        }
        for (int round = 0; round < COMPLETE_ROUNDS && !pending.isEmpty(); round++) {
            if (round > 0) {
                pauseBeforeRetry(round);
            }
            List<Integer> again = new ArrayList<>();
            for (List<Integer> chunk : chunks(done, pending)) {
                again.addAll(completeChunk(done, chunk, keepUntil, out));
            }
            pending = again;
            if (runsTable != null && !single.countsRuns()) {
                // the runs table turned out missing: go on without it
                LedgerTransactions uncounted = new LedgerTransactions(dynamoDb, table, clock, single, null,
                        runRetention);
                uncounted.counted.putAll(counted);
                return uncounted.completeRest(done, pending, keepUntil, out, round + 1);
            }
        }
        if (!pending.isEmpty()) {
            throw new LedgerException("ledger table '" + table + "': " + pending.size() + " completion(s) kept "
                    + "meeting other transactions; their messages will come back", null);
        }
        return Arrays.asList(out);
    }

    private List<Boolean> completeRest(List<Completion> done, List<Integer> pending, Instant keepUntil, Boolean[] out,
            int firstRound) {
        for (int round = firstRound; round < COMPLETE_ROUNDS + 1 && !pending.isEmpty(); round++) {
            List<Integer> again = new ArrayList<>();
            for (List<Integer> chunk : chunks(done, pending)) {
                again.addAll(completeChunk(done, chunk, keepUntil, out));
            }
            pending = again;
        }
        if (!pending.isEmpty()) {
            throw new LedgerException("ledger table '" + table + "': " + pending.size() + " completion(s) kept "
                    + "meeting other transactions; their messages will come back", null);
        }
        return Arrays.asList(out);
    }

    /** One transaction for these completions; answers the ones to try again. */
    private List<Integer> completeChunk(List<Completion> done, List<Integer> chunk, Instant keepUntil,
            Boolean[] out) {
        List<TransactWriteItem> items = new ArrayList<>();
        Instant now = clock.instant();
        for (int i : chunk) {
            items.add(TransactWriteItem.builder().update(DynamoDbExecutionLedger.completion(table, done.get(i),
                    counted.get(i), keepUntil, now)).build());
        }
        if (runsTable != null) {
            for (Map.Entry<String, long[]> run : countsByRun(done, chunk).entrySet()) {
                items.add(TransactWriteItem.builder().update(DynamoDbRunRegistry.countUpdate(runsTable, run.getKey(),
                        run.getValue()[0], run.getValue()[1], now, runRetention)).build());
            }
        }
        List<CancellationReason> reasons;
        try {
            reasons = run(items);
        } catch (LedgerException e) {
            if (runsTable != null && e.getCause() instanceof ResourceNotFoundException
                    && single.runsTableMissing(runsTable)) {
                // Kon was upgraded and the runs table not provisioned yet: complete, uncounted, rather than fail.
                return chunk;
            }
            throw e;
        }
        List<Integer> again = new ArrayList<>();
        for (int j = 0; j < chunk.size(); j++) {
            int i = chunk.get(j);
            CancellationReason reason = reasons == null ? null : reasons.get(j);
            if (reason == null) {
                out[i] = true;
            } else if ("ConditionalCheckFailed".equals(reason.code())) {
                int[] before = DynamoDbExecutionLedger.countedUnder(reason.item(), done.get(i).claim(),
                        counted.get(i));
                if (before != null) {
                    // A redriven copy of a dead-lettered bundle: count only the difference to what was counted.
                    counted.put(i, before);
                    again.add(i);
                } else {
                    out[i] = DynamoDbExecutionLedger.doneUnder(reason.item(), done.get(i).claim());
                }
            } else {
                again.add(i);
            }
        }
        return again;
    }

    /**
     * Succeeded and failed counts per run of these completions, less what was counted for their keys before
     * (when they were dead-lettered).
     */
    private Map<String, long[]> countsByRun(List<Completion> done, List<Integer> chunk) {
        Map<String, long[]> byRun = new java.util.LinkedHashMap<>();
        for (int i : chunk) {
            Completion c = done.get(i);
            int[] before = counted.getOrDefault(i, new int[2]);
            long[] n = byRun.computeIfAbsent(c.run(), k -> new long[2]);
            n[0] += c.succeeded() - before[0];
            n[1] += c.failed() - before[1];
        }
        return byRun;
    }

    /** Splits pending completions so that each transaction, its count updates included, holds at most MAX_ITEMS. */
    private List<List<Integer>> chunks(List<Completion> done, List<Integer> pending) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        Set<String> runs = new HashSet<>();
        for (int i : pending) {
            String run = done.get(i).run();
            int runsAfter = runsTable == null ? 0 : runs.size() + (runs.contains(run) ? 0 : 1);
            if (!current.isEmpty() && current.size() + 1 + runsAfter > MAX_ITEMS) {
                out.add(current);
                current = new ArrayList<>();
                runs.clear();
            }
            current.add(i);
            runs.add(run);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Jittered pause before another round: transactions that met stand a better chance apart. */
    private static void pauseBeforeRetry(int round) {
        long ms = java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L << Math.min(round, 4));
        java.util.concurrent.locks.LockSupport.parkNanos(ms * 1_000_000);
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
