package dev.kon.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.queue.QueueDepth;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScalingRuleTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final ScalingPolicy POLICY = ScalingPolicy.defaults(8).withTargetDrain(Duration.ofSeconds(20))
            .withCooldown(Duration.ofSeconds(30));

    private static Workload known(long visible, long workMs) {
        return new Workload(new QueueDepth(visible, 0), workMs, 0, -1);
    }

    @Test
    void decide_burstOfKnownWork_scalesOutAtOnceToDrainWithinTarget() {
        // 100 s of work to finish in 20 s: five workers, all launched in one decision.
        Decision d = ScalingRule.decide(POLICY, known(200, 100_000), 0, null, NOW);

        assertThat(d.wanted()).isEqualTo(5);
        assertThat(d.launch()).isEqualTo(5);
        assertThat(d.reason()).contains("scale out at once").contains("100.0s known");
    }

    @Test
    void decide_moreWorkThanMaxCanDrain_isCappedAtMax() {
        Decision d = ScalingRule.decide(POLICY, known(2000, 1_000_000), 2, null, NOW);

        assertThat(d.wanted()).isEqualTo(8);
        assertThat(d.launch()).isEqualTo(6);
        assertThat(d.reason()).contains("capped at max 8");
    }

    @Test
    void decide_emptyQueue_wantsMinEvenWhenTheRegistryStillCountsWork() {
        // A run whose client died stays "running" in the registry: the empty queue decides.
        Decision d = ScalingRule.decide(POLICY.withMin(1), known(0, 50_000), 4, NOW.minusSeconds(60), NOW);

        assertThat(d.wanted()).isEqualTo(1);
        assertThat(d.drain()).isEqualTo(3);
        assertThat(d.reason()).contains("queue empty").contains("scale in by draining");
    }

    @Test
    void decide_surplusWithinCooldown_holdsAndSaysHowLongIsLeft() {
        Decision d = ScalingRule.decide(POLICY, known(0, 0), 4, NOW.minusSeconds(10), NOW);

        assertThat(d.holds()).isTrue();
        assertThat(d.wanted()).isZero();
        assertThat(d.reason()).contains("cooldown, 20.0s left");
    }

    @Test
    void decide_surplusWhileMessagesWait_holdsSoTheBurstsTailDoesNotStretch() {
        // 30 s of work left wants 2 workers, but 40 messages still wait: all 8 are busy, and draining 6 would
        // leave the last 30 s to 2 of them.
        Decision d = ScalingRule.decide(POLICY, known(40, 30_000), 8, NOW.minusSeconds(31), NOW);

        assertThat(d.wanted()).isEqualTo(2);
        assertThat(d.holds()).isTrue();
        assertThat(d.reason()).contains("messages waiting, every worker busy: no drain");
    }

    @Test
    void decide_surplusAfterCooldownWithNothingWaiting_drainsDownToWhatTheWorkNeeds() {
        // the last 30 s of work is in flight on 8 workers: the 6 drained finish the bundles they hold, then exit
        Decision d = ScalingRule.decide(POLICY, new Workload(new QueueDepth(0, 12), 30_000, 0, -1), 8,
                NOW.minusSeconds(31), NOW);

        assertThat(d.wanted()).isEqualTo(2);
        assertThat(d.drain()).isEqualTo(6);
    }

    @Test
    void of_policy_decidesAsTheRule() {
        FleetRule rule = ScalingRule.of(POLICY);

        assertThat(rule.decide(known(200, 100_000), 0, null, NOW)).isEqualTo(
                ScalingRule.decide(POLICY, known(200, 100_000), 0, null, NOW));
    }

    @Test
    void decide_messagesOfNoKnownRun_wantOneWorkerAtLeast() {
        Decision d = ScalingRule.decide(POLICY, new Workload(new QueueDepth(3, 0), 0, 0, -1), 0, null, NOW);

        assertThat(d.launch()).isEqualTo(1);
    }

    @Test
    void decide_onlyInFlightMessages_keepsTheWorkersThatHoldThem() {
        Decision d = ScalingRule.decide(POLICY, new Workload(new QueueDepth(0, 2), 0, 0, -1), 1,
                NOW.minusSeconds(120), NOW);

        assertThat(d.holds()).isTrue();
        assertThat(d.wanted()).isEqualTo(1);
    }

    @Test
    void decide_unknownTasks_useTheMeasuredTimeOnceThereIsOne() {
        Workload assumed = new Workload(new QueueDepth(100, 0), 0, 100, -1);
        Workload measured = new Workload(new QueueDepth(100, 0), 0, 100, 2_000);

        // assumed 1 s each: 100 s -> 5 workers; measured 2 s each: 200 s -> 10, capped at 8
        assertThat(ScalingRule.decide(POLICY, assumed, 0, null, NOW).wanted()).isEqualTo(5);
        assertThat(ScalingRule.decide(POLICY, measured, 0, null, NOW).wanted()).isEqualTo(8);
    }

    @Test
    void decide_threadsPerWorker_divideTheWorkersNeeded() {
        Decision d = ScalingRule.decide(POLICY.withThreadsPerWorker(4), known(200, 160_000), 0, null, NOW);

        assertThat(d.wanted()).isEqualTo(2);
    }

    @Test
    void decide_atSize_holds() {
        Decision d = ScalingRule.decide(POLICY, known(200, 100_000), 5, null, NOW);

        assertThat(d.holds()).isTrue();
        assertThat(d.reason()).endsWith("at size");
    }

    @Test
    void policy_badBounds_areRefusedNamingTheField() {
        assertThatThrownBy(() -> ScalingPolicy.defaults(0)).hasMessageContaining("max must be >= 1");
        assertThatThrownBy(() -> ScalingPolicy.defaults(2).withMin(3)).hasMessageContaining("max must be");
        assertThatThrownBy(() -> ScalingPolicy.defaults(2).withTargetDrain(Duration.ZERO))
                .hasMessageContaining("targetDrain must be > 0s");
    }
}
