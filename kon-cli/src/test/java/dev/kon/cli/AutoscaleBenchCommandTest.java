package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kon bench autoscale} in a tiny version (one burst of 100 x sleep 50, up to 2 workers): every policy runs
 * real worker processes, and the table, the goals, the chart and the files appear. No figure is checked.
 */
class AutoscaleBenchCommandTest {
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

    @Test
    void benchAutoscale_badMax_exits2NamingTheOption() {
        assertThat(kon("bench", "autoscale", "--max", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--max must be 1..64 workers, was 0");
    }

    @Test
    @Tag("slow")
    @Timeout(180)
    void benchAutoscale_tinyRun_printsTableGoalsAndChartAndWritesTheFiles() throws Exception {
        Path results = dir.resolve("res");
        int code = kon("bench", "autoscale", "--bursts", "1", "--tasks", "100", "--gap", "3s", "--max", "2",
                "--out", results.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + err).isZero();
        assertThat(text).contains("| autoscaler | 1 |", "| fixed 2 | 1 |", "| fixed 1 | 1 |",
                "| queue-length | 1 |", "100 of 100 |", "Goals:", "of the fixed 2's worker-seconds",
                "# = worker processes alive");
        assertThat(Files.readString(results.resolve("table.md"))).contains("| autoscaler | 1 |");
        List<String> csv = Files.readAllLines(results.resolve("results.csv"));
        assertThat(csv).hasSize(5).first().isEqualTo("policy,burst,seconds,worker_seconds,results,tasks");
        assertThat(csv).anyMatch(l -> l.startsWith("autoscaler,1,") && l.endsWith(",100,100"));
        // the autoscaler started from none and had a worker alive at some sample
        assertThat(Files.readAllLines(results.resolve("timeline.csv")))
                .anyMatch(l -> l.startsWith("autoscaler,") && !l.split(",")[2].equals("0"));
        assertThat(Files.readString(results.resolve("timeline.svg"))).startsWith("<svg").contains("queue-length")
                .endsWith("</svg>\n");
        assertThat(Files.readString(results.resolve("decisions-autoscaler.log"))).contains("launch ");
    }
}
