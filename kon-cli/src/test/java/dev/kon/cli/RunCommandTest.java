package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kon run} and {@code kon workload} as a user calls them: exit codes, messages, files. */
class RunCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private int kon(String... args) {
        return Main.commandLine().setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8))
                .setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8)).execute(args);
    }

    @Test
    void run_ofAGoodWorkload_exitsZeroAndLogsOneLinePerTask() throws Exception {
        Path work = dir.resolve("w.txt");
        Files.write(work, List.of("# three sleeps and a blank line", "sleep 1", "", "sleep 0", "  sleep 2  "));
        Path log = dir.resolve("log.tsv");

        int exit = kon("run", work.toString(), "--workers", "2", "--log", log.toString(), "-q");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("succeeded   3").contains("failed      0");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(0)).startsWith("# id");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split("\t")[0])
                .containsExactlyInAnyOrder("2", "4", "5");
    }

    @Test
    void run_ofABadWorkload_listsEveryBadLineWithFileAndLineAndRunsNothing() throws Exception {
        Path work = dir.resolve("bad.txt");
        Path log = dir.resolve("log.tsv");
        Files.write(work, List.of("sleep 10", "sleep ten", "slep 5", "sleep -1", "Sleep 1"));

        int exit = kon("run", work.toString(), "--log", log.toString(), "-q");

        assertThat(exit).isEqualTo(2);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).contains("4 bad lines").contains("nothing was run")
                .contains(work + ":2: sleep takes a whole number of milliseconds, got 'ten'")
                .contains(work + ":3: unknown task type 'slep'")
                .contains(work + ":4: sleep milliseconds must be")
                .contains(work + ":5: task type must be lower-case");
        assertThat(log).doesNotExist();
    }

    @Test
    void run_ofAMissingFile_saysSoAndExitsTwo() {
        int exit = kon("run", dir.resolve("nope.txt").toString(), "-q");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.txt: no such file");
    }

    @Test
    void run_ofAnEmptyWorkload_isRefused() throws Exception {
        Path work = dir.resolve("empty.txt");
        Files.write(work, List.of("# nothing here", ""));

        assertThat(kon("run", work.toString(), "-q")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no tasks");
    }

    @Test
    void run_whenATaskFails_exitsOneAndReportsIt() throws Exception {
        Path work = dir.resolve("w.txt");
        Files.write(work, List.of("sleep 1", "stats 1 2 3", "enhance uploads/missing.png enhanced/x.png 1.8"));

        int exit = kon("run", work.toString(), "-q");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("succeeded   2").contains("failed      1");
    }

    @Test
    void workloadSleep_perWorker_writesTasksTimesWorkersLines() throws Exception {
        Path file = dir.resolve("eff.txt");

        assertThat(kon("workload", "sleep", "--tasks", "10", "--ms", "5", "--per-worker", "4", "-o", file.toString()))
                .isZero();

        assertThat(Files.readAllLines(file)).hasSize(40).allMatch("sleep 5"::equals);
    }

    @Test
    void run_whenTheBlobFolderCannotBeMade_saysWhyInOneLineWithoutAStackTrace() throws Exception {
        Path work = dir.resolve("w.txt");
        Files.write(work, List.of("sleep 1"));
        Path notAFolder = Files.writeString(dir.resolve("taken"), "a file");

        int exit = kon("run", work.toString(), "--blobs", notAFolder.toString(), "-q");

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("kon: cannot create blob folder " + notAFolder);
    }

    @Test
    void badOption_exitsTwoWithPicocliMessage() {
        assertThat(kon("run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required parameter");
    }
}
