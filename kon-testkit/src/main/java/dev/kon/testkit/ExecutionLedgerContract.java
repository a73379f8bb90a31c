package dev.kon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.ledger.ClaimResult;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExecutionLedger} adapter must do. A backend's test subclasses this and answers
 * {@link #ledger(Clock)}; the suite moves the given clock to expire leases instead of sleeping.
 */
public abstract class ExecutionLedgerContract {

    /** A ledger whose lease comparisons use {@code clock}. Called once per test. */
    protected abstract ExecutionLedger ledger(Clock clock);

    private static final Duration LEASE = Duration.ofSeconds(30);
    private SettableClock clock;
    private ExecutionLedger ledger;

    @BeforeEach
    void setUpLedger() {
        clock = SettableClock.startingNow();
        ledger = ledger(clock);
    }

    private String key() {
        return "bundle-" + UUID.randomUUID();
    }

    private LeaseRequest lease(String key, String owner) {
        return new LeaseRequest(key, owner, clock.instant().plus(LEASE));
    }

    private Instant keep() {
        return clock.instant().plus(Duration.ofDays(1));
    }

    @Test
    public void claim_whenKeyIsNew_isClaimed() {
        String k = key();

        assertThat(ledger.claim(lease(k, "a"))).isEqualTo(ClaimResult.CLAIMED);

        LedgerEntry e = ledger.read(k);
        assertThat(e.state()).isEqualTo(LedgerEntry.State.RUNNING);
        assertThat(e.owner()).isEqualTo("a");
    }

    @Test
    public void claim_whenHeldByAnotherWithLiveLease_isHeldByOther() {
        String k = key();
        ledger.claim(lease(k, "a"));

        assertThat(ledger.claim(lease(k, "b"))).isEqualTo(ClaimResult.HELD_BY_OTHER);
        assertThat(ledger.read(k).owner()).isEqualTo("a");
    }

    @Test
    public void claim_bySameOwnerAgain_isClaimed() {
        String k = key();
        ledger.claim(lease(k, "a"));

        assertThat(ledger.claim(lease(k, "a"))).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    public void claim_whenLeaseExpired_isGrantedToNewOwner() {
        String k = key();
        ledger.claim(lease(k, "a"));
        clock.advance(LEASE.plusSeconds(1));

        assertThat(ledger.claim(lease(k, "b"))).isEqualTo(ClaimResult.CLAIMED);
        assertThat(ledger.read(k).owner()).isEqualTo("b");
    }

    @Test
    public void claim_whenCompleted_isAlreadyDoneEvenAfterTheLeaseWouldHaveExpired() {
        String k = key();
        ledger.claim(lease(k, "a"));
        assertThat(ledger.completeIfOwnedBy(k, "a", keep())).isTrue();
        clock.advance(LEASE.multipliedBy(3));

        assertThat(ledger.claim(lease(k, "b"))).isEqualTo(ClaimResult.ALREADY_DONE);
        assertThat(ledger.claim(lease(k, "a"))).isEqualTo(ClaimResult.ALREADY_DONE);
        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.DONE);
    }

    @Test
    public void completeIfOwnedBy_afterLeaseLostToAnother_isRefused() {
        String k = key();
        ledger.claim(lease(k, "a"));
        clock.advance(LEASE.plusSeconds(1));
        ledger.claim(lease(k, "b"));

        assertThat(ledger.completeIfOwnedBy(k, "a", keep())).isFalse();

        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.RUNNING);
        assertThat(ledger.read(k).owner()).isEqualTo("b");
        assertThat(ledger.completeIfOwnedBy(k, "b", keep())).isTrue();
    }

    @Test
    public void completeIfOwnedBy_twiceBySameOwner_isTrueBothTimes() {
        String k = key();
        ledger.claim(lease(k, "a"));

        assertThat(ledger.completeIfOwnedBy(k, "a", keep())).isTrue();
        assertThat(ledger.completeIfOwnedBy(k, "a", keep())).isTrue();
    }

    @Test
    public void completeIfOwnedBy_whenNeverClaimed_isRefused() {
        assertThat(ledger.completeIfOwnedBy(key(), "a", keep())).isFalse();
    }

    @Test
    public void renew_byOwner_extendsTheLeasePastItsOldEnd() {
        String k = key();
        ledger.claim(lease(k, "a"));
        clock.advance(LEASE.minusSeconds(5));

        assertThat(ledger.renew(lease(k, "a"))).isTrue();
        clock.advance(Duration.ofSeconds(10));

        assertThat(ledger.claim(lease(k, "b"))).isEqualTo(ClaimResult.HELD_BY_OTHER);
    }

    @Test
    public void renew_afterLeaseLostToAnother_isFalse() {
        String k = key();
        ledger.claim(lease(k, "a"));
        clock.advance(LEASE.plusSeconds(1));
        ledger.claim(lease(k, "b"));

        assertThat(ledger.renew(lease(k, "a"))).isFalse();
        assertThat(ledger.read(k).owner()).isEqualTo("b");
    }

    @Test
    public void renew_afterCompletion_isFalse() {
        String k = key();
        ledger.claim(lease(k, "a"));
        ledger.completeIfOwnedBy(k, "a", keep());

        assertThat(ledger.renew(lease(k, "a"))).isFalse();
        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.DONE);
    }

    @Test
    public void claimAll_answersEachKeyInOrderAndClaimsOnlyTheFreeOnes() {
        String fresh = key();
        String held = key();
        String done = key();
        String expired = key();
        ledger.claim(lease(held, "b"));
        ledger.claim(lease(done, "b"));
        ledger.completeIfOwnedBy(done, "b", keep());
        ledger.claim(new LeaseRequest(expired, "b", clock.instant().minusSeconds(1)));

        List<ClaimResult> answers = ledger.claimAll(List.of(lease(fresh, "a"), lease(held, "a"), lease(done, "a"),
                lease(expired, "a")));

        assertThat(answers).containsExactly(ClaimResult.CLAIMED, ClaimResult.HELD_BY_OTHER, ClaimResult.ALREADY_DONE,
                ClaimResult.CLAIMED);
        assertThat(ledger.read(fresh).owner()).isEqualTo("a");
        assertThat(ledger.read(held).owner()).isEqualTo("b");
        assertThat(ledger.read(expired).owner()).isEqualTo("a");
    }

    @Test
    public void claimAll_ofFreeKeys_claimsThemAll() {
        List<LeaseRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(lease(key(), "a"));
        }

        assertThat(ledger.claimAll(requests)).containsOnly(ClaimResult.CLAIMED).hasSize(10);
        assertThat(requests).allSatisfy(r -> assertThat(ledger.read(r.key()).owner()).isEqualTo("a"));
    }

    @Test
    public void completeAllIfOwnedBy_completesTheOwnedKeysAndRefusesTheLostOne() {
        String mine = key();
        String lost = key();
        String alsoMine = key();
        ledger.claim(lease(mine, "a"));
        ledger.claim(new LeaseRequest(lost, "a", clock.instant().minusSeconds(1)));
        ledger.claim(lease(lost, "b"));
        ledger.claim(lease(alsoMine, "a"));

        List<Boolean> answers = ledger.completeAllIfOwnedBy(List.of(mine, lost, alsoMine), "a", keep());

        assertThat(answers).containsExactly(true, false, true);
        assertThat(ledger.read(mine).state()).isEqualTo(LedgerEntry.State.DONE);
        assertThat(ledger.read(alsoMine).state()).isEqualTo(LedgerEntry.State.DONE);
        assertThat(ledger.read(lost).state()).isEqualTo(LedgerEntry.State.RUNNING);
        assertThat(ledger.read(lost).owner()).isEqualTo("b");
    }

    @Test
    public void read_whenNothingWasWritten_isAbsent() {
        assertThat(ledger.read(key()).state()).isEqualTo(LedgerEntry.State.ABSENT);
    }

    @Test
    public void claim_racedByEightOwners_isWonByExactlyOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            String k = key();
            int owners = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService ex = Executors.newFixedThreadPool(owners);
            try {
                List<Future<ClaimResult>> answers = new ArrayList<>();
                for (int i = 0; i < owners; i++) {
                    String owner = "w" + i;
                    answers.add(ex.submit(() -> {
                        start.await();
                        return ledger.claim(lease(k, owner));
                    }));
                }
                start.countDown();
                List<ClaimResult> results = new ArrayList<>();
                for (Future<ClaimResult> f : answers) {
                    results.add(f.get(20, TimeUnit.SECONDS));
                }
                assertThat(results).filteredOn(r -> r == ClaimResult.CLAIMED).hasSize(1);
                assertThat(results).filteredOn(r -> r == ClaimResult.HELD_BY_OTHER).hasSize(owners - 1);
            } finally {
                ex.shutdownNow();
            }
        }
    }
}
