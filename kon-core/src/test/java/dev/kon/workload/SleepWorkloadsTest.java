package dev.kon.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.task.SleepHandler;
import dev.kon.task.TaskHandlers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SleepWorkloadsTest {
    @TempDir
    Path dir;

    @Test
    void write_writesNLinesOfSleepMs() throws IOException {
        Path f = dir.resolve("w.txt");

        SleepWorkloads.write(f, 1000, 25);

        assertThat(Files.readAllLines(f)).hasSize(1000).containsOnly("sleep 25");
        WorkloadCheck c = new WorkloadFile(f).check(TaskHandlers.of(new SleepHandler()));
        assertThat(c.tasks()).isEqualTo(1000);
        assertThat(c.sleepMillis()).isEqualTo(25_000);
    }

    @Test
    void write_createsMissingParentFoldersAndReplacesAnOldFile() throws IOException {
        Path f = dir.resolve("a/b/c/w.txt");
        SleepWorkloads.write(f, 5, 1);

        SleepWorkloads.write(f, 2, 0);

        assertThat(Files.readAllLines(f)).containsExactly("sleep 0", "sleep 0");
    }

    @Test
    void write_withFewerThanOneTaskOrNegativeMillis_throwsNamingTheArgument() {
        Path f = dir.resolve("w.txt");

        assertThatThrownBy(() -> SleepWorkloads.write(f, 0, 10)).hasMessage("tasks must be >= 1, was 0");
        assertThatThrownBy(() -> SleepWorkloads.write(f, 1, -1)).hasMessage("ms must be >= 0, was -1");
        assertThat(f).doesNotExist();
    }
}
