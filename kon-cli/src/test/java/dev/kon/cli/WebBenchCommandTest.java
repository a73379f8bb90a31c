package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.bench.web.WebBench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code kon bench web}: bad options are refused before anything starts, and a tiny run writes web.md with its three
 * tables. Whether the figures meet their targets is never checked: that is what the benchmark reports.
 */
class WebBenchCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int web(String... args) {
        return new CommandLine(new WebBenchCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--runs 0|--runs must be 1..10000, was 0",
        "--workers 1001|--workers must be 1..1000, was 1001",
        "--requests -1|--requests must be 1..1000000, was -1",
        "--changes 0|--changes must be 1..10000, was 0"})
    void web_withBadOptions_exitsTwoNamingTheOptionAndStartsNothing(String args, String message) {
        int exit = web(args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: web");
        assertThat(out.toString()).doesNotContain("local cloud");
    }

    @Test
    @Tag("slow")
    void web_withTinySizes_writesTheThreeTables() throws Exception {
        Path results = dir.resolve("results");

        int exit = web("--runs", "5", "--workers", "2", "--loads", "2", "--requests", "3", "--changes", "1",
                "--out", results.toString());

        assertThat(exit).as(out + "\n" + err).isIn(0, 1);
        String md = Files.readString(results.resolve(WebBench.FILE));
        assertThat(md).contains("### Dashboard first load", "### API latency", "### Live updates",
                "| /api/runs/RUN/failures |", "a message on the task queue", "All targets met:");
    }
}
