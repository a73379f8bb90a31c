package dev.kon.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.queue.QueueDepth;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueueLengthRuleTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final QueueLengthRule RULE = new QueueLengthRule(0, 8, 5, Duration.ofSeconds(10));

    private static Workload messages(long visible, long inFlight) {
        // the known work is there to show the rule ignores it
        return new Workload(new QueueDepth(visible, inFlight), 999_000, 0, -1);
    }

    @Test
    void decide_messagesWaitingAndInFlight_wantsTheirCountOverTheTargetRoundedUp() {
        Decision d = RULE.decide(messages(12, 4), 0, null, NOW);

        assertThat(d.wanted()).isEqualTo(4);
        assertThat(d.launch()).isEqualTo(4);
        assertThat(d.reason()).contains("12 waiting + 4 in flight messages at 5 per worker -> 4");
    }

    @Test
    void decide_longQueue_isCappedAtMax() {
        Decision d = RULE.decide(messages(200, 0), 3, null, NOW);

        assertThat(d.wanted()).isEqualTo(8);
        assertThat(d.launch()).isEqualTo(5);
        assertThat(d.reason()).contains("capped at max 8");
    }

    @Test
    void decide_shorterQueueAfterCooldown_drainsEvenWhileMessagesWait() {
        // unlike the drain-time rule, it follows the queue down during a burst
        Decision d = RULE.decide(messages(9, 1), 8, NOW.minusSeconds(11), NOW);

        assertThat(d.wanted()).isEqualTo(2);
        assertThat(d.drain()).isEqualTo(6);
    }

    @Test
    void decide_emptyQueueWithinCooldown_holds() {
        Decision d = RULE.decide(messages(0, 0), 2, NOW.minusSeconds(4), NOW);

        assertThat(d.holds()).isTrue();
        assertThat(d.wanted()).isZero();
        assertThat(d.reason()).contains("cooldown, 6.0s left");
    }

    @Test
    void rule_badArguments_areRefusedNamingTheField() {
        assertThatThrownBy(() -> new QueueLengthRule(0, 8, 0, Duration.ZERO))
                .hasMessageContaining("messagesPerWorker must be >= 1, was 0");
        assertThatThrownBy(() -> new QueueLengthRule(3, 2, 5, Duration.ZERO)).hasMessageContaining("max >= 1");
    }
}
