package dev.kon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.MutableClock;
import dev.kon.ledger.Claim;
import dev.kon.ledger.Completion;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.HeldClaim;
import dev.kon.ledger.LeaseRequest;
import dev.kon.runs.BundleFailures;
import dev.kon.runs.FailedTask;
import dev.kon.runs.RunOrigin;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.runs.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunRegistry} adapter must do, together with the {@link ExecutionLedger} of the same
 * deployment, which adds each completed bundle's counts to its run's record exactly once.
 */
public abstract class RunRegistryContract {

    /** A ledger and the registry it counts into, both on {@code clock}. Called once per test. */
    protected abstract Deployment deployment(Clock clock);

    /** The two halves of a deployment this suite needs. */
    public record Deployment(ExecutionLedger ledger, RunRegistry runs) {
    }

    private static final Duration LEASE = Duration.ofSeconds(30);
    private MutableClock clock;
    private ExecutionLedger ledger;
    private RunRegistry runs;

    @BeforeEach
    void setUp() {
        clock = MutableClock.startingNow();
        Deployment d = deployment(clock);
        ledger = d.ledger();
        runs = d.runs();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String newRun() {
        return "run-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private RunRecord submitting(String runId, long tasks) {
        return RunRecord.submitting(runId, now(), "host-a", "work.txt", "tasks", tasks, 5_000);
    }

    /** Claims a new bundle of the run and completes it with these counts; answers the completion. */
    private Completion completeBundle(String runId, int succeeded, int failed) {
        String key = runId + "-b" + UUID.randomUUID();
        Claim c = ledger.claim(new LeaseRequest(key, "w1", clock.instant().plus(LEASE)));
        Completion done = new Completion(new HeldClaim(key, "w1", c.attempt()), runId, succeeded, failed);
        assertThat(ledger.completeIfOwnedBy(done, keep())).isTrue();
        return done;
    }

    private Instant keep() {
        return clock.instant().plus(Duration.ofDays(1));
    }

    @Test
    public void register_thenFind_givesTheRecordBack_andASecondRegisterChangesNothing() {
        String id = newRun();
        RunRecord r = submitting(id, 100);

        runs.register(r);
        runs.register(submitting(id, 999));

        assertThat(runs.find(id)).contains(r);
        assertThat(runs.find(newRun())).isEmpty();
    }

    @Test
    public void submitted_recordsProgress_andWhenCompleteMovesASubmittingRunToRunning() {
        String id = newRun();
        runs.register(submitting(id, 100));

        runs.submitted(id, 40, 4, false);
        assertThat(runs.find(id).orElseThrow()).extracting(RunRecord::sent, RunRecord::bundles, RunRecord::state)
                .containsExactly(40L, 4L, RunState.SUBMITTING);

        runs.submitted(id, 100, 10, true);
        assertThat(runs.find(id).orElseThrow()).extracting(RunRecord::sent, RunRecord::bundles, RunRecord::state)
                .containsExactly(100L, 10L, RunState.RUNNING);
    }

    @Test
    public void submitted_ofACancelledRun_keepsItCancelled() {
        String id = newRun();
        runs.register(submitting(id, 10));
        assertThat(runs.move(id, RunState.SUBMITTING, RunState.CANCELLED, now())).isTrue();

        runs.submitted(id, 10, 1, true);

        assertThat(runs.find(id).orElseThrow().state()).isEqualTo(RunState.CANCELLED);
    }

    @Test
    public void move_happensOnlyFromTheStateGiven() {
        String id = newRun();
        runs.register(submitting(id, 10));

        assertThat(runs.move(id, RunState.RUNNING, RunState.DONE, now())).isFalse();
        assertThat(runs.move(id, RunState.SUBMITTING, RunState.RUNNING, now())).isTrue();
        assertThat(runs.move(id, RunState.RUNNING, RunState.DONE, now())).isTrue();
        assertThat(runs.move(id, RunState.RUNNING, RunState.CANCELLED, now())).isFalse();
        assertThat(runs.find(id).orElseThrow().state()).isEqualTo(RunState.DONE);
        assertThat(runs.move(newRun(), RunState.RUNNING, RunState.DONE, now())).isFalse();
    }

    @Test
    public void recent_listsRunsNewestFirst_upToTheMaximum() {
        String older = newRun();
        String newer = newRun();
        runs.register(submitting(older, 1));
        clock.advance(Duration.ofSeconds(5));
        runs.register(submitting(newer, 1));

        List<String> ids = runs.recent(1000).stream().map(RunRecord::runId).toList();

        assertThat(ids).containsSubsequence(newer, older);
        assertThat(runs.recent(1)).hasSize(1);
    }

    @Test
    public void completedBundles_addTheirCountsToTheRun_onceEach_evenWhenCompletedAgain() {
        String id = newRun();
        runs.register(submitting(id, 10));

        Completion first = completeBundle(id, 3, 1);
        completeBundle(id, 5, 0);
        assertThat(ledger.completeIfOwnedBy(first, keep())).isTrue();

        RunRecord r = runs.find(id).orElseThrow();
        assertThat(r.done()).isEqualTo(9);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.succeeded()).isEqualTo(8);
    }

    @Test
    public void aCompletionRefusedForAStaleClaim_countsNothing() {
        String id = newRun();
        runs.register(submitting(id, 10));
        String key = id + "-b1";
        Claim a = ledger.claim(new LeaseRequest(key, "w1", clock.instant().minusSeconds(1)));
        Claim b = ledger.claim(new LeaseRequest(key, "w2", clock.instant().plus(LEASE)));

        assertThat(ledger.completeIfOwnedBy(new Completion(new HeldClaim(key, "w1", a.attempt()), id, 4, 0),
                keep())).isFalse();
        assertThat(runs.find(id).orElseThrow().done()).isZero();
        assertThat(ledger.completeIfOwnedBy(new Completion(new HeldClaim(key, "w2", b.attempt()), id, 4, 0),
                keep())).isTrue();
        assertThat(runs.find(id).orElseThrow().done()).isEqualTo(4);
    }

    @Test
    public void completeAll_ofBundlesOfTwoRuns_countsEachRun() {
        String one = newRun();
        String two = newRun();
        runs.register(submitting(one, 10));
        runs.register(submitting(two, 10));
        List<Completion> done = new java.util.ArrayList<>();
        for (String run : List.of(one, one, two)) {
            String key = run + "-b" + UUID.randomUUID();
            Claim c = ledger.claim(new LeaseRequest(key, "w1", clock.instant().plus(LEASE)));
            done.add(new Completion(new HeldClaim(key, "w1", c.attempt()), run, 2, 1));
        }

        assertThat(ledger.completeAllIfOwnedBy(done, keep())).containsExactly(true, true, true);

        assertThat(runs.find(one).orElseThrow()).extracting(RunRecord::done, RunRecord::failed)
                .containsExactly(6L, 2L);
        assertThat(runs.find(two).orElseThrow()).extracting(RunRecord::done, RunRecord::failed)
                .containsExactly(3L, 1L);
    }

    @Test
    public void bundlesOfARunNeverRegistered_completeAndAreNotListed() {
        String id = newRun();

        completeBundle(id, 1, 0);

        assertThat(runs.find(id)).isEmpty();
        assertThat(runs.recent(1000)).extracting(RunRecord::runId).doesNotContain(id);
    }

    private static FailedTask failure(long line, String reason, long attempts) {
        return FailedTask.of(line, "sleep", "10 " + line, reason, attempts, "host/1/t" + line);
    }

    @Test
    public void keptFailures_areGivenBackByLine_upToTheMaximum_andOnlyForTheirRun() {
        String id = newRun();
        runs.register(submitting(id, 10));
        runs.keepFailures(new BundleFailures(id, id + "-b2", 1, List.of(failure(7, "boom", 1), failure(5, "bang", 1))));
        runs.keepFailures(new BundleFailures(id, id + "-b1", 1, List.of(failure(2, "crash", 1))));

        assertThat(runs.failures(id, 100)).extracting(FailedTask::line).containsExactly(2L, 5L, 7L);
        assertThat(runs.failures(id, 2)).extracting(FailedTask::line).containsExactly(2L, 5L);
        assertThat(runs.failures(id, 100).get(0)).isEqualTo(failure(2, "crash", 1));
        assertThat(runs.failures(newRun(), 100)).isEmpty();
    }

    @Test
    public void keptFailures_ofABundleRunAgain_replaceThoseOfItsEarlierAttempt() {
        String id = newRun();
        String bundle = id + "-b1";
        runs.keepFailures(new BundleFailures(id, bundle, 1, List.of(failure(1, "first", 1), failure(2, "first", 1))));

        runs.keepFailures(new BundleFailures(id, bundle, 2, List.of(failure(2, "second", 2))));
        assertThat(runs.failures(id, 100)).containsExactly(failure(2, "second", 2));

        runs.keepFailures(new BundleFailures(id, bundle, 3, List.of()));
        assertThat(runs.failures(id, 100)).isEmpty();
    }

    @Test
    public void keptFailures_ofAHugeBundle_areKeptWhole_andAShorterRetryLeavesNoneOfTheOldBehind() {
        String id = newRun();
        String bundle = id + "-b1";
        String longArgs = "x".repeat(FailedTask.MAX_ARGS + 500);
        List<FailedTask> many = new java.util.ArrayList<>();
        for (int line = 1; line <= 1000; line++) {
            many.add(FailedTask.of(line, "sleep", longArgs, "r".repeat(FailedTask.MAX_REASON + 10), 1, "w"));
        }

        runs.keepFailures(new BundleFailures(id, bundle, 1, many));
        List<FailedTask> kept = runs.failures(id, 5000);
        assertThat(kept).hasSize(1000);
        assertThat(kept.get(999).argsCut()).isTrue();
        assertThat(kept.get(999).args()).hasSize(FailedTask.MAX_ARGS);

        runs.keepFailures(new BundleFailures(id, bundle, 2, List.of(failure(3, "again", 2))));
        assertThat(runs.failures(id, 5000)).containsExactly(failure(3, "again", 2));
    }

    @Test
    public void keptFailures_doNotShowAsRuns_andTheRecordKeepsItsOrigin() {
        String id = newRun();
        RunOrigin origin = new RunOrigin("run-before", "sha256:ab size:12", 50, 30_000);
        RunRecord r = submitting(id, 10).withOrigin(origin);
        runs.register(r);
        runs.keepFailures(new BundleFailures(id, id + "-b1", 1, List.of(failure(1, "boom", 1))));

        assertThat(runs.find(id)).contains(r);
        assertThat(runs.recent(1000)).filteredOn(x -> x.runId().equals(id)).containsExactly(r);
    }

    @Test
    public void aDeadLetteredBundle_countsFailedAtOnce_andItsRedrivenRunCorrectsTheCountsOnce() {
        String id = newRun();
        runs.register(submitting(id, 5));
        completeBundle(id, 2, 0);
        String key = id + "-poison";
        Claim first = ledger.claim(new LeaseRequest(key, "w1", clock.instant().plus(LEASE)));
        assertThat(ledger.completeIfOwnedBy(new Completion(new HeldClaim(key, "w1", first.attempt()), id, 0, 3,
                true), keep())).isTrue();
        assertThat(runs.find(id).orElseThrow()).extracting(RunRecord::done, RunRecord::failed)
                .containsExactly(5L, 3L);

        Claim redriven = ledger.claim(new LeaseRequest(key, "w2", clock.instant().plus(LEASE)));
        assertThat(redriven.isClaimed()).isTrue();
        Completion ran = new Completion(new HeldClaim(key, "w2", redriven.attempt()), id, 2, 1);
        assertThat(ledger.completeAllIfOwnedBy(List.of(ran), keep())).containsExactly(true);
        assertThat(ledger.completeIfOwnedBy(ran, keep())).isTrue();

        assertThat(runs.find(id).orElseThrow()).extracting(RunRecord::done, RunRecord::failed)
                .containsExactly(5L, 1L);
        assertThat(ledger.claim(new LeaseRequest(key, "w3", clock.instant().plus(LEASE))).outcome())
                .isEqualTo(dev.kon.ledger.ClaimResult.ALREADY_DONE);
    }

    @Test
    public void aRedrivenBundleDeadLetteredAgain_changesNoCount() {
        String id = newRun();
        runs.register(submitting(id, 3));
        String key = id + "-poison";
        for (String worker : List.of("w1", "w2")) {
            Claim c = ledger.claim(new LeaseRequest(key, worker, clock.instant().plus(LEASE)));
            assertThat(ledger.completeIfOwnedBy(new Completion(new HeldClaim(key, worker, c.attempt()), id, 0, 3,
                    true), keep())).isTrue();
        }

        assertThat(runs.find(id).orElseThrow()).extracting(RunRecord::done, RunRecord::failed)
                .containsExactly(3L, 3L);
    }
}
