package dev.kon.aws.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.fixture.MutableClock;
import dev.kon.ledger.Claim;
import dev.kon.ledger.ClaimResult;
import dev.kon.ledger.Completion;
import dev.kon.ledger.HeldClaim;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerEntry;
import dev.kon.ledger.LedgerException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** DynamoDB-specific behaviour beyond {@link dev.kon.testkit.ExecutionLedgerContract}: items, TTL, the table. */
@ExtendWith(LocalCloudExtension.class)
class DynamoDbExecutionLedgerTest {
    private static final String TABLE = "ledger-test";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static DynamoDbClient dynamoDb;
    private static ExecutorService threads;

    private MutableClock clock;
    private DynamoDbExecutionLedger ledger;

    @BeforeAll
    static void createTable(AwsClients clients) {
        dynamoDb = clients.dynamoDb();
        LedgerTable.create(dynamoDb, TABLE);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @BeforeEach
    void newLedger() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        ledger = new DynamoDbExecutionLedger(dynamoDb, TABLE, clock);
    }

    private LeaseRequest lease(String key, String owner) {
        return new LeaseRequest(key, owner, clock.instant().plus(LEASE));
    }

    /** The completion of owner a's first claim of the key. */
    private static Completion done(String key) {
        return new Completion(new HeldClaim(key, "a", 1), "r", 1, 0);
    }

    private static String key() {
        return "bundle-" + UUID.randomUUID();
    }

    private static Map<String, AttributeValue> item(String key) {
        return dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(LedgerTable.KEY, AttributeValue.fromS(key)))
                .consistentRead(true)).item();
    }

    @Test
    void claim_byTwoThreadsAtOnce_isWonByExactlyOne() throws Exception {
        for (int round = 0; round < 20; round++) {
            String k = key();
            CountDownLatch start = new CountDownLatch(1);
            var first = CompletableFuture.supplyAsync(() -> claimAfter(start, lease(k, "a")), threads);
            var second = CompletableFuture.supplyAsync(() -> claimAfter(start, lease(k, "b")), threads);
            start.countDown();

            List<ClaimResult> results = List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));

            assertThat(results).containsExactlyInAnyOrder(ClaimResult.CLAIMED, ClaimResult.HELD_BY_OTHER);
        }
    }

    private ClaimResult claimAfter(CountDownLatch start, LeaseRequest request) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ledger.claim(request).outcome();
    }

    @Test
    void claim_writesRunningItemWithLeaseInMillisAndExpiryAfterTheLease() {
        String k = key();
        LeaseRequest request = lease(k, "a");

        ledger.claim(request);

        assertThat(item(k)).containsEntry(LedgerTable.STATE, AttributeValue.fromS("RUNNING"))
                .containsEntry(LedgerTable.OWNER, AttributeValue.fromS("a"))
                .containsEntry(LedgerTable.LEASE_UNTIL, AttributeValue.fromN(
                        Long.toString(request.leaseUntil().toEpochMilli())))
                .containsEntry(LedgerTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(
                        request.leaseUntil().plus(DynamoDbExecutionLedger.RUNNING_RETENTION).getEpochSecond())))
                .containsEntry(LedgerTable.ATTEMPT, AttributeValue.fromN("1"));
        assertThat(ledger.read(k).leaseUntil()).isEqualTo(request.leaseUntil());
    }

    @Test
    void completeIfOwnedBy_keepsTheDoneItemUntilKeepUntilAndDropsTheLease() {
        String k = key();
        ledger.claim(lease(k, "a"));
        Instant keepUntil = clock.instant().plus(Duration.ofDays(3));

        assertThat(ledger.completeIfOwnedBy(done(k), keepUntil)).isTrue();

        assertThat(item(k)).containsEntry(LedgerTable.STATE, AttributeValue.fromS("DONE"))
                .containsEntry(LedgerTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(keepUntil.getEpochSecond())))
                .doesNotContainKey(LedgerTable.LEASE_UNTIL);
        assertThat(ledger.read(k)).isEqualTo(new LedgerEntry(k, LedgerEntry.State.DONE, "a", null, 1));
    }

    @Test
    void lease_expiresByTheLedgersClock_notByWallTime() {
        String k = key();
        ledger.claim(lease(k, "a"));

        clock.advance(LEASE.minusMillis(1));
        assertThat(ledger.claim(lease(k, "b")).outcome()).isEqualTo(ClaimResult.HELD_BY_OTHER);

        clock.advance(Duration.ofMillis(2));
        assertThat(ledger.claim(lease(k, "b")).outcome()).isEqualTo(ClaimResult.CLAIMED);
        assertThat(ledger.completeIfOwnedBy(done(k), clock.instant().plus(Duration.ofDays(1))))
                .isFalse();
        assertThat(ledger.renew(new HeldClaim(k, "a", 1), clock.instant().plus(LEASE))).isFalse();
    }

    @Test
    void claim_afterCompletion_isAlreadyDone() {
        String k = key();
        ledger.claim(lease(k, "a"));
        ledger.completeIfOwnedBy(done(k), clock.instant().plus(Duration.ofDays(1)));

        assertThat(ledger.claim(lease(k, "b")).outcome()).isEqualTo(ClaimResult.ALREADY_DONE);
    }

    @Test
    void claimAndComplete_onAnInterruptedThread_stillGoThrough_andTheInterruptStays() {
        String k = key();
        String batchKey = key();

        Thread.currentThread().interrupt();
        try {
            assertThat(ledger.claim(lease(k, "a")).outcome()).isEqualTo(ClaimResult.CLAIMED);
            assertThat(ledger.claimAll(List.of(lease(batchKey, "a"), lease(key(), "a"))))
                    .containsOnly(Claim.claimed(1));
            assertThat(ledger.completeIfOwnedBy(done(k), clock.instant().plus(Duration.ofDays(1))))
                    .isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.DONE);
    }

    @Test
    void create_enablesTtlOnExpiresAt_andIsIdempotent() {
        LedgerTable.create(dynamoDb, TABLE);

        var ttl = dynamoDb.describeTimeToLive(b -> b.tableName(TABLE)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.attributeName()).isEqualTo(LedgerTable.EXPIRES_AT);
    }

    @Test
    void delete_isIdempotent_andALedgerOnAMissingTableSaysToProvision() {
        String table = "ledger-gone-" + UUID.randomUUID().toString().substring(0, 8);
        LedgerTable.create(dynamoDb, table);
        assertThat(LedgerTable.exists(dynamoDb, table)).isTrue();

        LedgerTable.delete(dynamoDb, table);
        LedgerTable.delete(dynamoDb, table);

        assertThat(LedgerTable.exists(dynamoDb, table)).isFalse();
        var orphan = new DynamoDbExecutionLedger(dynamoDb, table, clock);
        assertThatThrownBy(() -> orphan.claim(lease(key(), "a"))).isInstanceOf(LedgerException.class)
                .hasMessageContaining("'" + table + "' does not exist: run 'kon cloud provision'");
    }
}
