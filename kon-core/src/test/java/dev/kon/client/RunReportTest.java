package dev.kon.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunReportTest {
    private static final CollectStats ALL_DONE = new CollectStats(1000, 1000, 1000, 0, 0);

    private static RunReport report(CollectStats stats, Duration elapsed, int workers, long sleepMillis) {
        return new RunReport("R1", stats, elapsed, Duration.ofMillis(250), workers, sleepMillis);
    }

    @Test
    void throughput_isDistinctResultsPerSecond() {
        assertThat(report(ALL_DONE, Duration.ofMillis(2500), 4, -1).throughput()).isCloseTo(400.0, within(1e-9));
    }

    @Test
    void throughput_ofNoElapsedTime_isZero() {
        assertThat(report(ALL_DONE, Duration.ZERO, 4, -1).throughput()).isZero();
    }

    @Test
    void efficiency_isSleepOverWorkersTimesElapsed() {
        assertThat(report(ALL_DONE, Duration.ofMillis(2500), 4, 8000).efficiency()).isCloseTo(0.8, within(1e-9));
    }

    @ParameterizedTest(name = "sleepMillis {0}, workers {1}, elapsed {2} ms")
    @CsvSource({"0, 4, 1000", "-1, 4, 1000", "8000, 0, 1000", "8000, -2, 1000", "8000, 4, 0"})
    void efficiency_withoutSleepsOrWorkersOrTime_isNaN(long sleepMillis, int workers, long elapsedMs) {
        assertThat(report(ALL_DONE, Duration.ofMillis(elapsedMs), workers, sleepMillis).efficiency()).isNaN();
    }

    @Test
    void allSucceeded_onlyWhenEveryTaskSucceeded() {
        assertThat(report(ALL_DONE, Duration.ofSeconds(1), 1, -1).allSucceeded()).isTrue();
        assertThat(report(new CollectStats(10, 10, 9, 1, 0), Duration.ofSeconds(1), 1, -1).allSucceeded()).isFalse();
        assertThat(report(new CollectStats(10, 9, 9, 0, 0), Duration.ofSeconds(1), 1, -1).allSucceeded()).isFalse();
    }

    @Test
    void render_ofACompleteSleepRun_showsCountsTimesThroughputAndEfficiency() {
        String text = report(new CollectStats(1000, 1000, 998, 2, 0), Duration.ofMillis(2500), 4, 8000).render();

        assertThat(text.lines()).containsExactly(
                "run R1",
                "  tasks       1,000",
                "  succeeded   998",
                "  failed      2",
                "  elapsed     2.500 s (submit to last result; checking the file took 0.250 s)",
                "  throughput  400 tasks/s",
                "  efficiency  80.00 % (4 workers)");
    }

    @Test
    void render_ofAnIncompleteRunWithDuplicates_showsMissingAndDuplicatesButNoEfficiency() {
        String text = report(new CollectStats(5000, 4990, 4990, 0, 12), Duration.ofSeconds(10), 0, 8000).render();

        assertThat(text).contains("  tasks       5,000", "  missing     10", "  duplicates  12 (dropped)",
                "  throughput  499 tasks/s");
        assertThat(text).doesNotContain("efficiency");
    }

    @Test
    void render_ofARunWithUnreadableResultMessages_namesThemAndWhereTheyAre() {
        String text = report(new CollectStats(10, 8, 8, 0, 0, 2), Duration.ofSeconds(1), 0, -1).render();

        assertThat(text).contains("  missing     2", "  unreadable  2 result message(s), kept on the dead-letter queue");
    }

    @Test
    void render_ofACompleteRunWithoutDuplicates_omitsMissingAndDuplicates() {
        String text = report(ALL_DONE, Duration.ofSeconds(1), 1, -1).render();

        assertThat(text).doesNotContain("missing", "duplicates", "unreadable", "efficiency");
    }
}
