package dev.kon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPlanTest {
    @Test
    void throughput_withDefaults_isTheSeedsWorkersAndTaskCounts() {
        BenchPlan local = BenchPlan.throughput(BenchMode.LOCAL, false, List.of(), 0);
        BenchPlan cloudQuick = BenchPlan.throughput(BenchMode.CLOUD, true, List.of(), 0);

        assertThat(local.cells()).extracting(Cell::workers).containsExactly(1, 2, 4, 8, 16);
        assertThat(local.cells()).allMatch(c -> c.tasks() == 1_000_000 && c.sleepMillis() == 0);
        assertThat(cloudQuick.cells()).allMatch(c -> c.tasks() == 5_000);
        assertThat(BenchPlan.throughput(BenchMode.CLOUD, false, List.of(), 0).cells().get(0).tasks())
                .isEqualTo(100_000);
    }

    @Test
    void efficiency_withDefaults_givesEachWorkerTheSeedsTaskCounts() {
        BenchPlan full = BenchPlan.efficiency(BenchMode.LOCAL, false, List.of(1, 4), List.of(), 0);

        assertThat(full.cells()).extracting(Cell::sleepMillis, Cell::workers, Cell::tasks).containsExactly(
                tuple(10L, 1, 1000L), tuple(1000L, 1, 100L), tuple(10000L, 1, 10L),
                tuple(10L, 4, 4000L), tuple(1000L, 4, 400L), tuple(10000L, 4, 40L));
        assertThat(full.sleepLengths()).containsExactly(10L, 1000L, 10000L);
    }

    @Test
    void efficiency_whenQuick_runsAboutASecondOfSleepPerWorker() {
        BenchPlan quick = BenchPlan.efficiency(BenchMode.CLOUD, true, List.of(2), List.of(), 0);

        assertThat(quick.cells()).extracting(Cell::sleepMillis, Cell::tasksPerWorker).containsExactly(
                tuple(10L, 100L), tuple(100L, 10L));
        assertThat(quick.cells().get(1).seedValue()).isEmpty();
        assertThat(quick.cells().get(0).seedValue()).hasValue(9.99);
    }

    @Test
    void plans_withBadInput_nameTheFieldAndUnit() {
        assertThatThrownBy(() -> BenchPlan.efficiency(BenchMode.LOCAL, true, List.of(1), List.of(Duration.ZERO), 0))
                .hasMessage("sleep must be a whole number of milliseconds >= 1 ms, was 0 ms");
        assertThatThrownBy(() -> BenchPlan.throughput(BenchMode.LOCAL, true, List.of(0), 0))
                .hasMessage("workers must each be 1..1024, was 0");
        assertThatThrownBy(() -> BenchPlan.throughput(BenchMode.LOCAL, true, List.of(2, 2), 0))
                .hasMessageContaining("workers must not repeat");
        assertThatThrownBy(() -> new Cell(BenchKind.EFFICIENCY, BenchMode.LOCAL, 2, 3, 10))
                .hasMessageContaining("tasks must be a multiple of workers (2)");
    }

    @Test
    void seedFigures_matchTheSeedsTables() {
        assertThat(SeedFigures.throughput(BenchMode.LOCAL, 2)).hasValue(57903.88);
        assertThat(SeedFigures.throughput(BenchMode.CLOUD, 1)).hasValue(13.01);
        assertThat(SeedFigures.throughput(BenchMode.CLOUD, 3)).isEmpty();
        assertThat(SeedFigures.efficiencyPercent(BenchMode.LOCAL, 10_000, 4)).hasValue(99.89);
        assertThat(SeedFigures.efficiencyPercent(BenchMode.CLOUD, 10, 16)).hasValue(2.32);
        assertThat(SeedFigures.efficiencyPercent(BenchMode.CLOUD, 1_000, 8)).hasValue(89.43);
        assertThat(SeedFigures.efficiencyPercent(BenchMode.CLOUD, 100, 8)).isEmpty();
    }
}
