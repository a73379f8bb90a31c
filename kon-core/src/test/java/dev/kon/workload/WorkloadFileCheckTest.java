package dev.kon.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.fixture.EchoHandler;
import dev.kon.task.SleepHandler;
import dev.kon.task.TaskHandlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadFileCheckTest {
    private static final TaskHandlers HANDLERS = TaskHandlers.of(new SleepHandler(), new EchoHandler());
    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("work.txt");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void check_ofSleepsWithCommentsAndBlankLines_countsTasksAndSumsTheirMillis() throws IOException {
        Path f = file("# a workload", "sleep 10", "", "   ", "  sleep 20  ", "#sleep 1000", "sleep\t5");

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.ok()).isTrue();
        assertThat(c.tasks()).isEqualTo(3);
        assertThat(c.sleepMillis()).isEqualTo(35);
        assertThat(c.errors()).isEmpty();
        assertThat(c.path()).isEqualTo(f);
        assertThat(c.orThrow()).isSameAs(c);
    }

    @Test
    void check_withOneTaskNotASleep_answersSleepMillisMinusOne() throws IOException {
        WorkloadCheck c = new WorkloadFile(file("sleep 10", "echo hi", "sleep 20")).check(HANDLERS);

        assertThat(c.tasks()).isEqualTo(3);
        assertThat(c.sleepMillis()).isEqualTo(-1);
    }

    @Test
    void check_ofSleepZeroOnly_answersZeroMillis() throws IOException {
        assertThat(new WorkloadFile(file("sleep 0", "sleep 0")).check(HANDLERS).sleepMillis()).isZero();
    }

    @Test
    void check_ofBadLines_reportsEachAsFileLineProblem() throws IOException {
        Path f = file("sleep 10", "# fine", "sleep ten", "nope 1", "Bad 2", "sleep -1", "sleep");

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.ok()).isFalse();
        assertThat(c.tasks()).isEqualTo(1);
        assertThat(c.errorCount()).isEqualTo(5);
        assertThat(c.errors()).containsExactly(
                f + ":3: sleep takes a whole number of milliseconds, got 'ten'",
                f + ":4: unknown task type 'nope' (known: echo, sleep)",
                f + ":5: task type must be lower-case letters, digits, '-' or '_', was 'Bad'",
                f + ":6: sleep milliseconds must be 0..86400000, got -1",
                f + ":7: sleep needs a duration in milliseconds, e.g. 'sleep 10'");
    }

    @Test
    void check_withMoreBadLinesThanReported_listsTheFirstOnesAndCountsAll() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= WorkloadFile.MAX_REPORTED_ERRORS + 5; i++) {
            lines.add("sleep x" + i);
            lines.add("sleep 1");
        }
        Path f = file(lines.toArray(String[]::new));

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.errorCount()).isEqualTo(WorkloadFile.MAX_REPORTED_ERRORS + 5);
        assertThat(c.errors()).hasSize(WorkloadFile.MAX_REPORTED_ERRORS);
        assertThat(c.errors().get(0)).startsWith(f + ":1: ");
        assertThat(c.errors().get(WorkloadFile.MAX_REPORTED_ERRORS - 1))
                .startsWith(f + ":" + (2 * WorkloadFile.MAX_REPORTED_ERRORS - 1) + ": ");
        assertThat(c.tasks()).isEqualTo(WorkloadFile.MAX_REPORTED_ERRORS + 5);
    }

    @Test
    void orThrow_withErrors_throwsWithTheCountAndTheListedErrors() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < WorkloadFile.MAX_REPORTED_ERRORS + 3; i++) {
            lines.add("bogus!");
        }
        WorkloadCheck c = new WorkloadFile(file(lines.toArray(String[]::new))).check(HANDLERS);

        assertThatThrownBy(c::orThrow)
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining((WorkloadFile.MAX_REPORTED_ERRORS + 3) + " bad lines (3 more not shown)")
                .hasMessageContaining("nothing was run")
                .extracting(e -> ((WorkloadException) e).errors())
                .isEqualTo(c.errors());
    }

    @Test
    void orThrow_withOneError_saysLineInTheSingular() throws IOException {
        WorkloadCheck c = new WorkloadFile(file("sleep 1", "sleep x")).check(HANDLERS);

        assertThatThrownBy(c::orThrow).hasMessageEndingWith(": 1 bad line; nothing was run");
    }

    @Test
    void check_ofAFileOfOnlyCommentsAndBlankLines_isAnError() throws IOException {
        Path f = file("# nothing", "", "   # here");

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.ok()).isFalse();
        assertThat(c.tasks()).isZero();
        assertThat(c.sleepMillis()).isEqualTo(-1);
        assertThat(c.errors()).containsExactly(f + ": no tasks (every line is blank or a comment)");
    }

    @Test
    void check_ofAnEmptyFile_isAnError() throws IOException {
        Path f = dir.resolve("empty.txt");
        Files.createFile(f);

        assertThat(new WorkloadFile(f).check(HANDLERS).errorCount()).isEqualTo(1);
    }

    @Test
    void check_ofAMissingFile_throwsNamingIt() {
        Path missing = dir.resolve("no-such-workload.txt");

        assertThatThrownBy(() -> new WorkloadFile(missing).check(HANDLERS))
                .isInstanceOf(WorkloadException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void check_withoutATrailingNewline_readsTheLastLine() throws IOException {
        Path f = dir.resolve("w.txt");
        Files.writeString(f, "sleep 1\r\nsleep 2");

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.tasks()).isEqualTo(2);
        assertThat(c.sleepMillis()).isEqualTo(3);
    }

    @Test
    void check_ofAFileStartingWithAByteOrderMark_readsTheFirstLine() throws IOException {
        Path f = dir.resolve("bom.txt");
        Files.writeString(f, "\uFEFFsleep 10\nsleep 20\n", StandardCharsets.UTF_8);

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.ok()).isTrue();
        assertThat(c.sleepMillis()).isEqualTo(30);
    }

    @Test
    void check_ofAFileThatIsNotUtf8_namesTheLineAndTheEncoding() throws IOException {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, "sleep 1\necho caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.ok()).isFalse();
        assertThat(c.errors()).singleElement().asString().contains(f + ":2:").contains("UTF-8");
    }

    @Test
    void check_ofALargeFile_reportsTheLinesReadEveryMillion() throws IOException {
        Path f = dir.resolve("large.txt");
        long lines = 2 * WorkloadFile.PROGRESS_LINES + 5;
        try (var w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (long i = 0; i < lines; i++) {
                w.write("sleep 0\n");
            }
        }
        List<Long> told = new ArrayList<>();

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS, told::add);

        assertThat(c.tasks()).isEqualTo(lines);
        assertThat(told).containsExactly(WorkloadFile.PROGRESS_LINES, 2 * WorkloadFile.PROGRESS_LINES);
    }
}
