package dev.kon.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.fixture.EchoHandler;
import dev.kon.task.SleepHandler;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines of megabytes: each is an error naming file and line, and no error quotes more than 200 characters. */
class WorkloadFileLongLinesTest {
    private static final TaskHandlers HANDLERS = TaskHandlers.of(new SleepHandler(), new EchoHandler());
    /** The words of an error around at most 200 quoted characters and the file's name. */
    private static final int MAX_ERROR = 400;
    private static final int FEW_MB = 3_000_000;
    @TempDir
    Path dir;

    /** A file of three lines: a good one; {@code head} then {@code fill} repeated to {@code length}; a good one. */
    private Path fileWith(String head, char fill, long length) throws IOException {
        Path f = dir.resolve("work.txt");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("sleep 1\n");
            w.write(head);
            char[] chunk = new char[64 * 1024];
            java.util.Arrays.fill(chunk, fill);
            for (long left = length - head.length(); left > 0; left -= chunk.length) {
                w.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
            w.write("\nsleep 2\n");
        }
        return f;
    }

    @ParameterizedTest(name = "''{0}'' then {1}s")
    @CsvSource(delimiter = '|', value = {"'sleep '|A", "|x", "|X", "'nosuchtype '|A"})
    void check_ofALineOfAFewMegabytes_reportsABoundedErrorNamingFileAndLine(String head, char fill)
            throws IOException {
        Path f = fileWith(head == null ? "" : head, fill, FEW_MB);

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.errorCount()).isEqualTo(1);
        assertThat(c.errors()).singleElement().satisfies(e -> {
            assertThat(e).startsWith(f + ":2: ");
            assertThat(e).hasSizeLessThan(MAX_ERROR);
        });
    }

    @Test
    void check_ofALineOverTheLimit_reportsItsLengthAndReadsTheLinesAfterIt() throws IOException {
        Path f = fileWith("sleep ", '9', WorkloadFile.MAX_LINE_CHARS + 1L);

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.tasks()).isEqualTo(2);
        assertThat(c.errors()).containsExactly(f + ":2: line of " + (WorkloadFile.MAX_LINE_CHARS + 1L)
                + " characters is over the limit of " + WorkloadFile.MAX_LINE_CHARS + " characters");
        assertThatThrownBy(c::orThrow).isInstanceOf(WorkloadException.class)
                .hasMessageContaining("1 bad line; nothing was run");
    }

    @Test
    void check_ofALineAtTheLimit_acceptsIt() throws IOException {
        Path f = fileWith("echo ", 'e', WorkloadFile.MAX_LINE_CHARS);

        WorkloadCheck c = new WorkloadFile(f).check(HANDLERS);

        assertThat(c.ok()).isTrue();
        assertThat(c.tasks()).isEqualTo(3);
    }

    @Test
    void tasks_ofAFileThatGrewALongLineAfterItsCheck_throwsNamingTheLine() throws IOException {
        Path f = fileWith("echo ", 'e', WorkloadFile.MAX_LINE_CHARS + 10L);

        try (WorkloadFile.TaskStream tasks = new WorkloadFile(f).tasks()) {
            assertThat(tasks.next().id()).isEqualTo(1);
            assertThatThrownBy(tasks::next).isInstanceOf(WorkloadException.class)
                    .hasMessageStartingWith(f + ":2: line of " + (WorkloadFile.MAX_LINE_CHARS + 10L) + " characters");
        }
    }

    @Test
    void tasks_withEveryKindOfLineEnd_readsTheSameLinesAsBefore() throws IOException {
        Path f = dir.resolve("ends.txt");
        Files.writeString(f, "echo a\r\necho b\recho c\n\necho d\r\r\necho e", StandardCharsets.UTF_8);

        try (WorkloadFile.TaskStream tasks = new WorkloadFile(f).tasks()) {
            List<String> read = new java.util.ArrayList<>();
            tasks.forEachRemaining(t -> read.add(t.id() + ":" + t.args()));
            assertThat(read).containsExactly("1:a", "2:b", "3:c", "5:d", "7:e");
        }
    }

    @Test
    void check_withAHandlerWhoseMessageQuotesAllItsArguments_shortensTheMessage() throws IOException {
        TaskHandler echoing = new TaskHandler() {
            @Override
            public String type() {
                return "loud";
            }

            @Override
            public String handle(Task task, TaskContext ctx) {
                return "";
            }

            @Override
            public String validate(String args) {
                return "bad arguments '" + args + "'";
            }
        };
        Path f = fileWith("loud ", 'z', FEW_MB);

        WorkloadCheck c = new WorkloadFile(f).check(TaskHandlers.of(new SleepHandler(), echoing));

        assertThat(c.errors()).singleElement().satisfies(e -> assertThat(e)
                .startsWith(f + ":2: bad arguments 'zzz").hasSizeLessThan(MAX_ERROR));
    }
}
