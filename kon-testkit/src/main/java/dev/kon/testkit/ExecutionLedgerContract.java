package dev.kon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.MutableClock;
import dev.kon.ledger.Claim;
import dev.kon.ledger.ClaimResult;
import dev.kon.ledger.Completion;
import dev.kon.ledger.HeldClaim;
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
    private MutableClock clock;
    private ExecutionLedger ledger;

    @BeforeEach
    void setUpLedger() {
        clock = MutableClock.startingNow();
        ledger = ledger(clock);
    }

    private String key() {
        return "bundle-" + UUID.randomUUID();
    }

    private LeaseRequest lease(String key, String owner) {
        return new LeaseRequest(key, owner, clock.instant().plus(LEASE));
    }

    /** Claims the key for the owner and names the claim as its holder would. */
    private HeldClaim claimed(String key, String owner) {
        Claim c = ledger.claim(lease(key, owner));
        assertThat(c.isClaimed()).as("claim of %s by %s", key, owner).isTrue();
        return new HeldClaim(key, owner, c.attempt());
    }

    /** The completion of a claim, counting one successful task for run "r". */
    private static Completion done(HeldClaim claim) {
        return new Completion(claim, "r", 1, 0);
    }

    private Instant until() {
        return clock.instant().plus(LEASE);
    }

    private Instant keep() {
        return clock.instant().plus(Duration.ofDays(1));
    }

    @Test
    public void claim_whenKeyIsNew_isClaimed() {
        String k = key();

        assertThat(ledger.claim(lease(k, "a")).outcome()).isEqualTo(ClaimResult.CLAIMED);

        LedgerEntry e = ledger.read(k);
        assertThat(e.state()).isEqualTo(LedgerEntry.State.RUNNING);
        assertThat(e.owner()).isEqualTo("a");
    }

    @Test
    public void claim_whenHeldByAnotherWithLiveLease_isHeldByOther() {
        String k = key();
        ledger.claim(lease(k, "a"));

        assertThat(ledger.claim(lease(k, "b")).outcome()).isEqualTo(ClaimResult.HELD_BY_OTHER);
        assertThat(ledger.read(k).owner()).isEqualTo("a");
    }

    @Test
    public void claim_bySameOwnerAgain_isClaimed() {
        String k = key();
        ledger.claim(lease(k, "a"));

        assertThat(ledger.claim(lease(k, "a")).outcome()).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    public void claim_whenLeaseExpired_isGrantedToNewOwner() {
        String k = key();
        ledger.claim(lease(k, "a"));
        clock.advance(LEASE.plusSeconds(1));

        assertThat(ledger.claim(lease(k, "b")).outcome()).isEqualTo(ClaimResult.CLAIMED);
        assertThat(ledger.read(k).owner()).isEqualTo("b");
    }

    @Test
    public void claim_whenCompleted_isAlreadyDoneEvenAfterTheLeaseWouldHaveExpired() {
        String k = key();
        HeldClaim a = claimed(k, "a");
        assertThat(ledger.completeIfOwnedBy(done(a), keep())).isTrue();
        clock.advance(LEASE.multipliedBy(3));

        assertThat(ledger.claim(lease(k, "b"))).isEqualTo(Claim.ALREADY_DONE);
        assertThat(ledger.claim(lease(k, "a"))).isEqualTo(Claim.ALREADY_DONE);
        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.DONE);
    }

    @Test
    public void claim_firstOfAKey_isAttemptOne() {
        String k = key();

        assertThat(ledger.claim(lease(k, "a"))).isEqualTo(Claim.claimed(1));
        assertThat(ledger.read(k).attempt()).isEqualTo(1);
    }

    @Test
    public void claim_eachLaterClaim_raisesTheAttempt() {
        String k = key();
        ledger.claim(lease(k, "a"));
        clock.advance(LEASE.plusSeconds(1));

        assertThat(ledger.claim(lease(k, "b"))).isEqualTo(Claim.claimed(2));
        assertThat(ledger.claim(lease(k, "b"))).isEqualTo(Claim.claimed(3));
        assertThat(ledger.read(k).attempt()).isEqualTo(3);
    }

    @Test
    public void completeIfOwnedBy_afterLeaseLostToAnother_isRefused() {
        String k = key();
        HeldClaim a = claimed(k, "a");
        clock.advance(LEASE.plusSeconds(1));
        HeldClaim b = claimed(k, "b");

        assertThat(ledger.completeIfOwnedBy(done(a), keep())).isFalse();

        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.RUNNING);
        assertThat(ledger.read(k).owner()).isEqualTo("b");
        assertThat(ledger.completeIfOwnedBy(done(b), keep())).isTrue();
    }

    @Test
    public void completeIfOwnedBy_ofAnOlderAttemptOfTheSameOwner_isRefused() {
        String k = key();
        HeldClaim first = claimed(k, "a");
        HeldClaim second = claimed(k, "a");

        assertThat(second.attempt()).isEqualTo(first.attempt() + 1);
        assertThat(ledger.completeIfOwnedBy(done(first), keep())).isFalse();
        assertThat(ledger.renew(first, until())).isFalse();
        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.RUNNING);
        assertThat(ledger.completeIfOwnedBy(done(second), keep())).isTrue();
        assertThat(ledger.read(k).attempt()).isEqualTo(second.attempt());
    }

    @Test
    public void completeIfOwnedBy_twiceBySameClaim_isTrueBothTimes() {
        HeldClaim a = claimed(key(), "a");

        assertThat(ledger.completeIfOwnedBy(done(a), keep())).isTrue();
        assertThat(ledger.completeIfOwnedBy(done(a), keep())).isTrue();
    }

    @Test
    public void completeIfOwnedBy_whenNeverClaimed_isRefused() {
        assertThat(ledger.completeIfOwnedBy(done(new HeldClaim(key(), "a", 1)), keep())).isFalse();
    }

    @Test
    public void renew_byOwner_extendsTheLeasePastItsOldEnd() {
        String k = key();
        HeldClaim a = claimed(k, "a");
        clock.advance(LEASE.minusSeconds(5));

        assertThat(ledger.renew(a, until())).isTrue();
        clock.advance(Duration.ofSeconds(10));

        assertThat(ledger.claim(lease(k, "b")).outcome()).isEqualTo(ClaimResult.HELD_BY_OTHER);
        assertThat(ledger.read(k).attempt()).isEqualTo(a.attempt());
    }

    @Test
    public void renew_afterLeaseLostToAnother_isFalse() {
        String k = key();
        HeldClaim a = claimed(k, "a");
        clock.advance(LEASE.plusSeconds(1));
        claimed(k, "b");

        assertThat(ledger.renew(a, until())).isFalse();
        assertThat(ledger.read(k).owner()).isEqualTo("b");
    }

    @Test
    public void renew_afterCompletion_isFalse() {
        String k = key();
        HeldClaim a = claimed(k, "a");
        ledger.completeIfOwnedBy(done(a), keep());

        assertThat(ledger.renew(a, until())).isFalse();
        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.DONE);
    }

    @Test
    public void claimAll_answersEachKeyInOrderAndClaimsOnlyTheFreeOnes() {
        String fresh = key();
        String held = key();
        String done = key();
        String expired = key();
        String mine = key();
        claimed(held, "b");
        ledger.completeIfOwnedBy(done(claimed(done, "b")), keep());
        ledger.claim(new LeaseRequest(expired, "b", clock.instant().minusSeconds(1)));
        claimed(mine, "a");

        List<Claim> answers = ledger.claimAll(List.of(lease(fresh, "a"), lease(held, "a"), lease(done, "a"),
                lease(expired, "a"), lease(mine, "a")));

        assertThat(answers).containsExactly(Claim.claimed(1), Claim.HELD_BY_OTHER, Claim.ALREADY_DONE,
                Claim.claimed(2), Claim.claimed(2));
        assertThat(ledger.read(fresh).owner()).isEqualTo("a");
        assertThat(ledger.read(held).owner()).isEqualTo("b");
        assertThat(ledger.read(expired).owner()).isEqualTo("a");
        assertThat(ledger.read(expired).attempt()).isEqualTo(2);
    }

    @Test
    public void claimAll_ofFreeKeys_claimsThemAll() {
        List<LeaseRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(lease(key(), "a"));
        }

        assertThat(ledger.claimAll(requests)).containsOnly(Claim.claimed(1)).hasSize(10);
        assertThat(requests).allSatisfy(r -> assertThat(ledger.read(r.key()).owner()).isEqualTo("a"));
    }

    @Test
    public void completeAllIfOwnedBy_completesTheHeldClaimsAndRefusesTheLostOnes() {
        String lost = key();
        String stale = key();
        HeldClaim mine = claimed(key(), "a");
        ledger.claim(new LeaseRequest(lost, "a", clock.instant().minusSeconds(1)));
        HeldClaim lostByA = new HeldClaim(lost, "a", 1);
        claimed(lost, "b");
        HeldClaim staleByA = claimed(stale, "a");
        claimed(stale, "a");
        HeldClaim alsoMine = claimed(key(), "a");

        List<Boolean> answers = ledger.completeAllIfOwnedBy(List.of(done(mine), done(lostByA), done(staleByA),
                done(alsoMine)), keep());

        assertThat(answers).containsExactly(true, false, false, true);
        assertThat(ledger.read(mine.key()).state()).isEqualTo(LedgerEntry.State.DONE);
        assertThat(ledger.read(alsoMine.key()).state()).isEqualTo(LedgerEntry.State.DONE);
        assertThat(ledger.read(lost).state()).isEqualTo(LedgerEntry.State.RUNNING);
        assertThat(ledger.read(lost).owner()).isEqualTo("b");
        assertThat(ledger.read(stale).state()).isEqualTo(LedgerEntry.State.RUNNING);
    }

    @Test
    public void completeIfOwnedBy_deadLettered_leavesTheKeyDeadAndFreeForTheNextClaim() {
        String k = key();
        HeldClaim a = claimed(k, "a");

        assertThat(ledger.completeIfOwnedBy(new Completion(a, "r", 0, 1, true), keep())).isTrue();

        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.DEAD);
        assertThat(ledger.renew(a, until())).isFalse();
        Claim again = ledger.claim(lease(k, "b"));
        assertThat(again).isEqualTo(Claim.claimed(2));
        assertThat(ledger.completeIfOwnedBy(done(new HeldClaim(k, "b", 2)), keep())).isTrue();
        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.DONE);
        assertThat(ledger.claim(lease(k, "c"))).isEqualTo(Claim.ALREADY_DONE);
    }

    @Test
    public void completeIfOwnedBy_deadLetteredTwiceBySameClaim_isTrueBothTimes() {
        String k = key();
        HeldClaim a = claimed(k, "a");
        Completion dead = new Completion(a, "r", 0, 1, true);

        assertThat(ledger.completeIfOwnedBy(dead, keep())).isTrue();
        assertThat(ledger.completeIfOwnedBy(dead, keep())).isTrue();
        assertThat(ledger.read(k).state()).isEqualTo(LedgerEntry.State.DEAD);
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
                        return ledger.claim(lease(k, owner)).outcome();
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
