package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.client.CollectStats;
import dev.kon.client.RunSpec;
import dev.kon.workers.InMemoryWorkerRegistry;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import dev.kon.workers.WorkerStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a quiet client says once the worker registry can tell why results do not come. */
class WorkerHintTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private static WorkerRecord worker(String id, String queue, WorkerStatus status, Instant seen, String... runs) {
        return new WorkerRecord(id, "h", 1, "0.1.0", 2, queue, seen.minusSeconds(600), 5, 1.0, List.of(runs), status,
                seen);
    }

    private static String reason(List<WorkerRecord> workers) {
        return WorkerHint.reason(workers, "kon-tasks", "R"::equals, NOW, WorkerRegistry.LOST_AFTER, ZoneOffset.UTC);
    }

    @Test
    void aLostWorkerThatHeldTheRun_isNamedWithWhenItStoppedHeartbeating() {
        assertThat(reason(List.of(worker("h/1/a", "kon-tasks", WorkerStatus.RUNNING, NOW.minusSeconds(45), "R"),
                worker("h/2/b", "kon-tasks", WorkerStatus.RUNNING, NOW.minusSeconds(2)))))
                .isEqualTo("waiting for a lease to expire (worker h/1/a stopped heartbeating at 11:59:15)");
    }

    @Test
    void noLiveWorkerOnTheQueue_asksWhetherOneIsRunning() {
        assertThat(reason(List.of(worker("h/1/a", "other", WorkerStatus.RUNNING, NOW),
                worker("h/2/b", "kon-tasks", WorkerStatus.STOPPED, NOW.minusSeconds(5), "R"),
                worker("h/3/c", "kon-tasks", WorkerStatus.RUNNING, NOW.minusSeconds(300)))))
                .isEqualTo("no worker heartbeat on queue 'kon-tasks': is a worker running? start one with "
                        + "'kon worker'");
    }

    @Test
    void liveWorkersOnTheQueue_meanTasksStillRunning_withoutAskingForAWorker() {
        assertThat(reason(List.of(worker("h/1/a", "kon-tasks", WorkerStatus.RUNNING, NOW.minusSeconds(3)),
                worker("h/2/b", "kon-tasks", WorkerStatus.DRAINING, NOW, "R"))))
                .isEqualTo("tasks still running (2 live workers on queue 'kon-tasks')");
    }

    @Test
    void stalledLine_withALiveWorker_doesNotTellTheUserToStartOne() {
        InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry();
        Instant now = Instant.now();
        registry.heartbeat(worker("h/1/a", "kon-tasks", WorkerStatus.RUNNING, now, "R"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (ProgressView view = new ProgressView("submit", false).watchingWorkers(registry, "kon-tasks")) {
            view.started(new RunSpec("R", "kon-resp-R", 1), 10);
            view.stalled(Duration.ofSeconds(20), new CollectStats(10, 3, 3, 0, 0));
        } finally {
            System.setErr(old);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("submit: no new result for 20s (3/10): tasks "
                + "still running (1 live worker on queue 'kon-tasks')").doesNotContain("start one");
    }
}
