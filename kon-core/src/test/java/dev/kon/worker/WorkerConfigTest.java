package dev.kon.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
    private final WorkerConfig defaults = WorkerConfig.defaults("tasks");

    @Test
    void defaults_areTheDocumentedValues() {
        assertThat(defaults).isEqualTo(new WorkerConfig("tasks", "tasks-dead", 1, -1, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 5, 3, Duration.ofMillis(200), Duration.ZERO, Duration.ofDays(1), Duration.ofSeconds(10)));
    }

    @Test
    void deadLetterQueue_whenNull_isTheTaskQueueWithDashDead() {
        assertThat(defaults.withDeadLetterQueue(null).deadLetterQueue()).isEqualTo("tasks-dead");
        assertThat(defaults.withDeadLetterQueue("elsewhere").deadLetterQueue()).isEqualTo("elsewhere");
    }

    @Test
    void withers_changeOnlyTheirField() {
        WorkerConfig c = defaults.withThreads(8).withPrefetch(0).withPollWait(Duration.ofSeconds(20))
                .withLease(Duration.ofSeconds(3)).withMaxReceives(9).withRetries(1, Duration.ZERO)
                .withIdleExit(Duration.ofMinutes(2)).withHeartbeat(Duration.ofMillis(100));

        assertThat(c).isEqualTo(new WorkerConfig("tasks", "tasks-dead", 8, 0, Duration.ofSeconds(20),
                Duration.ofSeconds(3), 9, 1, Duration.ZERO, Duration.ofMinutes(2), Duration.ofDays(1),
                Duration.ofMillis(100)));
    }

    @Test
    void countsBelowOne_areRefusedNamingTheField() {
        assertThatThrownBy(() -> defaults.withThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, was 0");
        assertThatThrownBy(() -> defaults.withMaxReceives(0)).hasMessage("maxReceives must be >= 1, was 0");
        assertThatThrownBy(() -> defaults.withRetries(0, Duration.ZERO)).hasMessage("maxAttempts must be >= 1, was 0");
        assertThatThrownBy(() -> defaults.withPrefetch(-2)).hasMessage("prefetch must be >= 0 bundles (or -1 = adaptive), was -2");
    }

    @Test
    void pollWait_outsideZeroToTwentySeconds_isRefusedWithTheUnit() {
        assertThat(defaults.withPollWait(Duration.ZERO).pollWait()).isZero();
        assertThatThrownBy(() -> defaults.withPollWait(Duration.ofMillis(20_001)))
                .hasMessage("pollWait must be 0..20s, was 20001ms");
        assertThatThrownBy(() -> defaults.withPollWait(Duration.ofMillis(-1)))
                .hasMessage("pollWait must be 0..20s, was -1ms");
    }

    @Test
    void lease_underThreeSeconds_isRefusedWithTheUnit() {
        assertThatThrownBy(() -> defaults.withLease(Duration.ofMillis(2999)))
                .hasMessage("lease must be >= 3s, was 2999ms");
    }

    @Test
    void retryBackoff_negative_isRefusedWithTheUnit() {
        assertThatThrownBy(() -> defaults.withRetries(3, Duration.ofMillis(-5)))
                .hasMessage("retryBackoff must be >= 0ms, was -5ms");
    }

    @Test
    void idleExit_negative_isRefusedWithTheUnit() {
        assertThatThrownBy(() -> defaults.withIdleExit(Duration.ofSeconds(-1)))
                .hasMessage("idleExit must be >= 0s (0 = never), was -1s");
    }

    @Test
    void doneRetention_underAMinute_isRefusedWithTheUnit() {
        assertThatThrownBy(() -> new WorkerConfig("tasks", null, 1, 2, Duration.ofSeconds(5), Duration.ofSeconds(30),
                5, 3, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(59), Duration.ofSeconds(10)))
                .hasMessage("doneRetention must be >= 1min, was 59s");
    }

    @Test
    void heartbeat_outsideFiftyMillisToTenSeconds_isRefusedWithTheUnit() {
        assertThat(defaults.withHeartbeat(Duration.ofMillis(50)).heartbeat()).hasMillis(50);
        assertThatThrownBy(() -> defaults.withHeartbeat(Duration.ofMillis(49)))
                .hasMessage("heartbeat must be 50ms..10s, was 49ms");
        assertThatThrownBy(() -> defaults.withHeartbeat(Duration.ofMillis(10_001)))
                .hasMessage("heartbeat must be 50ms..10s, was 10001ms");
    }

    @Test
    void taskQueue_null_isRefusedNamingIt() {
        assertThatThrownBy(() -> WorkerConfig.defaults(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("taskQueue");
    }
}
