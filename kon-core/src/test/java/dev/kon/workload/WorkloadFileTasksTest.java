package dev.kon.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.task.Task;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadFileTasksTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("work.txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static List<Task> readAll(WorkloadFile.TaskStream s) {
        List<Task> out = new ArrayList<>();
        s.forEachRemaining(out::add);
        return out;
    }

    @Test
    void tasks_skipBlankAndCommentLinesAndNumberTasksByLine() throws IOException {
        Path f = file("# head\nsleep 1\n\n  echo  a b \n#x\nsleep\t2\n");

        try (WorkloadFile.TaskStream s = new WorkloadFile(f).tasks()) {
            assertThat(readAll(s)).containsExactly(new Task(2, "sleep", "1"), new Task(4, "echo", "a b"),
                    new Task(6, "sleep", "2"));
        }
    }

    @Test
    void tasks_ofAFileWithTwoMillionLines_streamsEveryTaskWithItsLineNumber() throws IOException {
        int lines = 2_000_000;
        Path f = dir.resolve("big.txt");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int line = 1; line <= lines; line++) {
                w.write(line % 1000 == 0 ? "# checkpoint" : line % 777 == 0 ? "echo " + line : "sleep " + line % 7);
                w.write('\n');
            }
        }

        long count = 0;
        long expectedLine = 0;
        try (WorkloadFile.TaskStream s = new WorkloadFile(f).tasks()) {
            while (s.hasNext()) {
                Task t = s.next();
                expectedLine++;
                if (expectedLine % 1000 == 0) {
                    expectedLine++;
                }
                if (t.id() != expectedLine) {
                    throw new AssertionError("task " + count + " has id " + t.id() + ", expected line " + expectedLine);
                }
                String args = expectedLine % 777 == 0 ? Long.toString(expectedLine) : Long.toString(expectedLine % 7);
                if (!t.args().equals(args) || !t.type().equals(expectedLine % 777 == 0 ? "echo" : "sleep")) {
                    throw new AssertionError("line " + expectedLine + " read as " + t);
                }
                count++;
            }
        }

        assertThat(count).isEqualTo(lines - lines / 1000);
        assertThat(expectedLine).isEqualTo(lines - 1);
    }

    @Test
    void next_afterTheLastTask_throwsNoSuchElement() throws IOException {
        try (WorkloadFile.TaskStream s = new WorkloadFile(file("sleep 1\n# end\n")).tasks()) {
            assertThat(s.next()).isEqualTo(new Task(1, "sleep", "1"));
            assertThat(s.hasNext()).isFalse();
            assertThat(s.hasNext()).isFalse();
            assertThatThrownBy(s::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void hasNext_afterClose_isFalse() throws IOException {
        WorkloadFile.TaskStream s = new WorkloadFile(file("sleep 1\nsleep 2\nsleep 3\n")).tasks();
        assertThat(s.next().id()).isEqualTo(1);

        s.close();

        assertThat(s.hasNext()).isFalse();
    }

    @Test
    void tasks_ofAMissingFile_throwsNamingIt() {
        Path missing = dir.resolve("gone.txt");

        assertThatThrownBy(() -> new WorkloadFile(missing).tasks())
                .isInstanceOf(WorkloadException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void tasks_ofALineWithABadType_throwsWhenItIsReached() throws IOException {
        try (WorkloadFile.TaskStream s = new WorkloadFile(file("sleep 1\nSLEEP 2\n")).tasks()) {
            assertThat(s.next().id()).isEqualTo(1);
            assertThatThrownBy(s::hasNext).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'SLEEP'");
        }
    }
}
