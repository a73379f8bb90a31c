package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.bench.apps.AppsBench;
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
 * {@code kon bench apps} as its parent command runs it: bad options are refused before anything starts, and a tiny
 * run writes apps.md with a table per benchmark. How fast anything runs is never checked.
 */
class AppsBenchCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int apps(String... args) {
        return new CommandLine(new AppsBenchCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--skip cal,video|--skip takes cal, pic and animoto, was 'video'",
        "--cal 0|--cal must be >= 1, was 0",
        "--cal-warmup -1|--cal-warmup must be >= 0, was -1",
        "--videos 0|--videos must be >= 1, was 0",
        "--video-images -3|--video-images must be >= 1, was -3",
        "--pic-size 4000|--pic-size must be WIDTHxHEIGHT",
        "--pic-size 10x3000|--pic-size must be WIDTHxHEIGHT"})
    void apps_withBadOptions_exitsTwoNamingTheOptionAndStartsNothing(String args, String message) {
        int exit = apps(args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: apps");
        assertThat(out.toString()).doesNotContain("local cloud");
    }

    @Test
    @Tag("slow")
    void apps_withTinySizes_writesATablePerBenchmark() throws Exception {
        Path results = dir.resolve("results");

        int exit = apps("--cal", "3", "--cal-warmup", "0", "--cal-processes", "1", "--pic", "1", "--pic-size",
                "400x300", "--videos", "2", "--video-images", "3", "--out", results.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        String md = Files.readString(results.resolve(AppsBench.FILE));
        assertThat(md).contains("## CloudCal", "## CloudPic", "## Animoto", "Load average (1 min) at the end");
        assertThat(md).contains("| round trip on an open session (`Requests.sendOne`) | 3 |",
                "| one-shot request: clients, session, round trip, close (a `kon cal` without JVM start) | 3 |",
                "| `kon --version` process (JVM start, no request) | 1 |",
                "| `kon cal` process (JVM start + one-shot request) | 1 |",
                "| whole request |", "| whole one-shot request |", "Target: median round trip on an open session",
                "Failed requests and processes: 0.");
        assertThat(md).contains("`photo-400x300.jpg`: 400x300", "| median |", "Failed runs: 0.",
                "The worker's `enhance` handler run in this JVM on the same file");
        assertThat(md).containsPattern("\\| 1 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|");
        assertThat(md).contains("| 1 | 2 of 2 |", "| 2 | 2 of 2 |", "Speed-up from 1 to 2 workers");
        assertThat(out.toString()).contains("## Animoto", "written: " + results.resolve(AppsBench.FILE));
        assertThat(results.resolve("workers").resolve("calpic-w1.out")).content().startsWith("ready ");
        assertThat(results.resolve("animoto").resolve("workers").resolve("animoto-2w-w2.out")).content()
                .startsWith("ready ");
    }
}
