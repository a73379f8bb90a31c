package dev.kon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end on a tiny local run: checks that the table, the CSV and the chart are produced and
 * well-formed. Never how fast: a benchmark reports figures, a test asserts behaviour.
 */
class BenchHarnessTest {
    @TempDir
    Path dir;

    @Test
    void run_onTinyLocalPlans_writesTableCsvAndCharts() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        BenchPlan throughput = BenchPlan.throughput(BenchMode.LOCAL, true, List.of(1, 2), 2_000);
        BenchPlan efficiency = BenchPlan.efficiency(BenchMode.LOCAL, true, List.of(1, 2),
                List.of(Duration.ofMillis(10)), 5);

        try (Testbed testbed = new LocalTestbed()) {
            BenchHarness harness = new BenchHarness(testbed, out, Duration.ofMinutes(1));
            assertThat(harness.run(throughput, dir.resolve("t")).complete()).isTrue();
            assertThat(harness.run(efficiency, dir.resolve("e")).complete()).isTrue();
        }

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("[1/2] start throughput local, 1 worker", "[2/2] end ",
                "| workers | tasks | Kon time (s) | Kon tasks/s | seed tasks/s | Kon/seed |");
        assertThat(Files.readString(dir.resolve("t/table.md"))).contains("## Throughput, local mode: 2,000",
                "| 1 | 2,000 |", "| 56,625.14 |", "| 2 | 2,000 |", "| 57,903.88 |");
        assertThat(Files.readString(dir.resolve("e/table.md"))).contains("## Efficiency, local mode: `sleep 10`",
                "| 1 | 5 | 0.050 |", "| 98.23 % |", "| 2 | 10 | 0.050 |");
        checkCsv(dir.resolve("t/results.csv"), "throughput", 2_000, 0, 56625.14);
        checkCsv(dir.resolve("e/results.csv"), "efficiency", 5, 10, 98.23);
        checkPng(dir.resolve("t/throughput.png"));
        checkPng(dir.resolve("e/efficiency.png"));
    }

    private static void checkCsv(Path file, String kind, long firstTasks, long sleepMs, double firstSeed)
            throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("kind,mode,workers,tasks,sleep_ms,seconds,tasks_per_s,efficiency,seed_value,"
                + "sqs_units_per_task,dynamodb_units_per_task,s3_units_per_task,units_per_task,usd_per_million_tasks");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            assertThat(f).hasSize(14);
            assertThat(f[13]).as("no AWS usage in local mode").isEmpty();
            assertThat(f[0]).isEqualTo(kind);
            assertThat(f[1]).isEqualTo("local");
            assertThat(Integer.parseInt(f[2])).isEqualTo(i);
            assertThat(Long.parseLong(f[4])).isEqualTo(sleepMs);
            assertThat(Double.parseDouble(f[5])).isPositive();
            assertThat(Double.parseDouble(f[6])).isPositive();
            if (kind.equals("efficiency")) {
                assertThat(Long.parseLong(f[3])).isEqualTo(firstTasks * i);
                assertThat(Double.parseDouble(f[7])).isBetween(0.0, 101.0);
            } else {
                assertThat(Long.parseLong(f[3])).isEqualTo(firstTasks);
                assertThat(f[7]).isEmpty();
            }
            assertThat(Double.parseDouble(f[8])).isPositive();
        }
        assertThat(Double.parseDouble(lines.get(1).split(",")[8])).isEqualTo(firstSeed);
    }

    private static void checkPng(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file + " is a readable image").isNotNull();
        assertThat(image.getWidth()).isEqualTo(BenchCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(BenchCharts.HEIGHT);
    }
}
