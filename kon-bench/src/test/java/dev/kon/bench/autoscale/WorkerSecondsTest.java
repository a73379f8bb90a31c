package dev.kon.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kon.fleet.LocalProvider.Lifetime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerSecondsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Lifetime life(long from, long to) {
        return new Lifetime(1, T0.plusSeconds(from), T0.plusSeconds(to));
    }

    @Test
    void within_countsOnlyTheSecondsInsideTheWindow() {
        // started before the window (a fixed fleet), inside it, and past its end; one gone before it began
        List<Lifetime> lives = List.of(life(-30, 100), life(20, 35), life(50, 200), life(-60, -10));

        assertThat(WorkerSeconds.within(lives, T0, T0.plusSeconds(60))).isCloseTo(60 + 15 + 10, within(1e-9));
    }

    @Test
    void within_noProcesses_isZero() {
        assertThat(WorkerSeconds.within(List.of(), T0, T0.plusSeconds(60))).isZero();
    }
}
