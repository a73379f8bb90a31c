package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerViewTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Duration LOST_AFTER = Duration.ofSeconds(30);

    private static WorkerRecord worker(String id, WorkerStatus status, Instant seen, String... runs) {
        return new WorkerRecord(id, "host-a", 4242, "0.1.0", 4, "kon-tasks", NOW.minusSeconds(3600), 1234, 12.5,
                List.of(runs), status, seen);
    }

    @Test
    void row_showsTheFiguresAndHowLongAgoItWasSeen_andAtMostTwoRuns() {
        String row = new WorkerView(worker("host-a/4242/x1", WorkerStatus.RUNNING, NOW.minusSeconds(4), "r1", "r2",
                "r3"), NOW, LOST_AFTER).row();

        assertThat(row).contains("host-a/4242/x1", "host-a", "4242", "kon-tasks", "running", "1,234", "13/s",
                "r1,r2 +1", "4s ago");
    }

    @Test
    void status_ofAWorkerUnseenForLostAfter_isLost_butAStoppedOneStaysStopped() {
        assertThat(new WorkerView(worker("a", WorkerStatus.RUNNING, NOW.minusSeconds(31)), NOW, LOST_AFTER).status())
                .isEqualTo("lost");
        assertThat(new WorkerView(worker("b", WorkerStatus.STOPPED, NOW.minusSeconds(300)), NOW, LOST_AFTER)
                .status()).isEqualTo("stopped");
        assertThat(new WorkerView(worker("c", WorkerStatus.DRAINING, NOW.minusSeconds(29)), NOW, LOST_AFTER)
                .status()).isEqualTo("draining");
    }

    @Test
    void sorted_putsLiveWorkersFirst_thenLost_thenStopped() {
        List<WorkerRecord> sorted = WorkerView.sorted(List.of(worker("s", WorkerStatus.STOPPED, NOW),
                worker("l", WorkerStatus.RUNNING, NOW.minusSeconds(60)), worker("d", WorkerStatus.DRAINING, NOW),
                worker("r", WorkerStatus.RUNNING, NOW)), NOW, LOST_AFTER);

        assertThat(sorted).extracting(WorkerRecord::workerId).containsExactly("r", "d", "l", "s");
    }

    @Test
    void json_isAnArrayOfObjectsWithTheDocumentedFields() {
        String json = WorkerView.json(List.of(worker("host-a/4242/x1", WorkerStatus.RUNNING, NOW.minusSeconds(4),
                "r1")), NOW, LOST_AFTER);

        assertThat(json).isEqualTo("[{\"worker\":\"host-a/4242/x1\",\"host\":\"host-a\",\"pid\":4242,"
                + "\"version\":\"0.1.0\",\"threads\":4,\"queue\":\"kon-tasks\",\"status\":\"running\","
                + "\"live\":true,\"started\":\"2030-01-01T11:00:00Z\",\"tasksDone\":1234,\"tasksPerSecond\":12.5,"
                + "\"runs\":[\"r1\"],\"lastSeen\":\"2030-01-01T11:59:56Z\",\"secondsSinceSeen\":4}]");
    }
}
