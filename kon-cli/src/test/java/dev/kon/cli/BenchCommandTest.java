package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.bench.ResultsCsv;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code kon bench} as a user calls it: bad options exit 2 with a message naming the option, JMH finds its
 * benchmarks, and cloud mode starts real {@code kon worker} processes. How fast anything runs is never checked.
 */
class BenchCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
    }

    private int kon(String... args) {
        CommandLine cl = Main.commandLine();
        return cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8)).execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "throughput|Missing required option",
        "throughput --mode fast|--mode must be local or cloud, was 'fast'",
        "throughput --mode local --workers 1,x|is not an int",
        "throughput --mode local --workers 0|workers must each be 1..1024, was 0",
        "throughput --mode local --tasks -5|--tasks must be >= 1, was -5",
        "efficiency --mode local --sleep 0ms|sleep must be a whole number of milliseconds >= 1 ms, was 0 ms",
        "efficiency --mode local --sleep 10x|is not a duration",
        "efficiency --mode local --per-worker -1|--per-worker must be >= 1, was -1",
        "throughput --mode local --external-workers 3|--external-workers is for --mode cloud",
        "throughput --mode cloud --endpoint http://127.0.0.1:1|--endpoint needs --external-workers N",
        "throughput --mode cloud --external-workers 2 --workers 1,2|--workers must be left out with --external-workers",
        "jmh -f x|JMH options:"})
    void bench_withBadOptions_exitsTwoNamingTheProblem(String args, String message) {
        int exit = kon(("bench " + args).split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message).contains("Usage: kon bench");
    }

    @Test
    void bench_help_listsTheThreeMeasurements() {
        int exit = kon("bench", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("throughput", "efficiency", "jmh");
    }

    @Test
    void jmh_list_findsTheBenchmarksOnTheClassPath() {
        int exit = kon("bench", "jmh", "-l");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dev.kon.bench.jmh.WireCodecBench.decodeBundle",
                "dev.kon.bench.jmh.InMemoryQueueBench.sendReceiveAcknowledgeBodies",
                "dev.kon.bench.jmh.CollectorBench.fresh");
    }

    @Test
    @Tag("slow")
    void efficiency_inCloudMode_runsOneWorkerProcessPerWorkerAndWritesTheResults() throws Exception {
        Path results = dir.resolve("results");

        int exit = kon("bench", "efficiency", "--mode", "cloud", "--workers", "2", "--sleep", "10ms,20ms",
                "--per-worker", "5", "--out", results.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> csv = Files.readAllLines(results.resolve("results.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("efficiency,cloud,2,10,10,");
        // The seed's value follows the measured figures, before the usage columns.
        assertThat(csv.get(1).split(",")[List.of(ResultsCsv.HEADER.split(",")).indexOf("seed_value")])
                .isEqualTo("9.99");
        assertThat(csv.get(2)).startsWith("efficiency,cloud,2,10,20,");
        assertThat(results.resolve("table.md")).content().contains("## Efficiency, cloud mode: `sleep 10`",
                "## Efficiency, cloud mode: `sleep 20`");
        assertThat(results.resolve("efficiency.png")).isNotEmptyFile();
        for (String worker : List.of("cell1-w1.out", "cell1-w2.out")) {
            assertThat(results.resolve("workers").resolve(worker)).content().startsWith("ready ");
        }
        // The second sleep length runs on the same two processes: no cell2 logs.
        assertThat(results.resolve("workers").resolve("cell2-w1.out")).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 worker processes ready", "warmed up in", "[1/2] end",
                "the same 2 worker processes, still running", "[2/2] end");
    }
}
