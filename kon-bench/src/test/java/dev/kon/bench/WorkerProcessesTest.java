package dev.kon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.KonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping worker processes, with the JVM itself standing in for a worker's main class. */
class WorkerProcessesTest {
    @TempDir
    Path dir;

    @Test
    void start_whenWorkerExitsBeforeReady_failsNamingItsLog() {
        WorkerLaunch launch = WorkerLaunch.defaults().withMainClass("dev.kon.NoSuchMain");

        assertThatThrownBy(() -> WorkerProcesses.start(launch, launch.command("q", "t", "b"), Map.of(), 1, dir, "x"))
                .isInstanceOf(KonException.class).hasMessageContaining("before printing its ready line")
                .hasMessageContaining("x-w1.err");
        assertThat(dir.resolve("x-w1.err")).content().contains("dev.kon.NoSuchMain");
    }

    @Test
    void start_whenEveryWorkerPrintsReady_answersTheirIdsAndStopsThemOnClose() throws Exception {
        // A shell prints the ready line and then waits for SIGTERM, as a worker does.
        WorkerLaunch launch = WorkerLaunch.defaults().withStopGrace(Duration.ofSeconds(5));
        List<String> command = List.of("/bin/sh", "-c", "echo \"ready w-$$ q\"; exec sleep 60");

        List<String> ids;
        WorkerProcesses workers = WorkerProcesses.start(launch, command, Map.of(), 2, dir, "cell1");
        try {
            ids = workers.workerIds();
        } finally {
            workers.close();
        }

        assertThat(ids).hasSize(2).allMatch(id -> id.startsWith("w-"));
        for (String id : ids) {
            long pid = Long.parseLong(id.substring(2));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("worker " + pid).isNotEqualTo(
                    java.util.Optional.of(true));
        }
        assertThat(Files.readString(dir.resolve("cell1-w2.out"))).startsWith("ready w-");
    }
}
