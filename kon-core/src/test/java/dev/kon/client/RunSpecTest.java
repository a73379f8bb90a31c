package dev.kon.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.queue.QueueSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunSpecTest {

    @ParameterizedTest(name = "{0} tasks, at most {1} -> {2}")
    @CsvSource({
        "0, 256, 1",
        "1, 256, 1",
        "1024, 256, 1",
        "1025, 256, 2",
        "10240, 256, 10",
        "1000000, 256, 256",
        "1000000, 2000, 977",
        "100000000, 5000, 1000",
        "5000, 0, 1",
        "5000, -3, 1",
    })
    void autoBundleSize_aimsAtAboutAThousandMessagesWithinBounds(long tasks, int maxBundle, int expected) {
        assertThat(RunSpec.autoBundleSize(tasks, maxBundle)).isEqualTo(expected);
    }

    @Test
    void autoBundleSize_ofTheLargestTaskCount_isTheMaximum() {
        assertThat(RunSpec.autoBundleSize(Long.MAX_VALUE, 256)).isEqualTo(256);
    }

    @Test
    void create_namesTheReplyQueueAfterTheRun() {
        assertThat(RunSpec.create("abc", 10)).isEqualTo(new RunSpec("abc", "kon-resp-abc", 10));
    }

    @Test
    void spec_withABundleSizeOutsideOneToAThousand_isRefusedWithTheUnit() {
        assertThatThrownBy(() -> RunSpec.create("r", 0)).hasMessage("bundleSize must be 1..1000 tasks, was 0");
        assertThatThrownBy(() -> RunSpec.create("r", 1001)).hasMessage("bundleSize must be 1..1000 tasks, was 1001");
        assertThat(RunSpec.create("r", 1000).bundleSize()).isEqualTo(RunSpec.MAX_BUNDLE);
    }

    @Test
    void newRunId_isUniqueAndValidInAReplyQueueName() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RunSpec.newRunId();
            assertThat(QueueSpec.of(RunSpec.create(id, 1).replyQueue()).name()).startsWith(RunSpec.REPLY_PREFIX);
            ids.add(id);
        }

        assertThat(ids).hasSize(1000);
    }

    @Test
    void runRequest_withBundleSizeZero_picksTheAutomaticSize() {
        RunRequest req = new RunRequest("q", List.<dev.kon.task.Task>of()::iterator, 1_000_000, -1, 0, 0,
                Duration.ZERO, Duration.ZERO);

        assertThat(req.effectiveBundleSize()).isEqualTo(RunRequest.AUTO_BUNDLE_MAX);
    }

    @ParameterizedTest(name = "{0} tasks sleeping {1} ms in all on {2} workers -> bundles of {3}")
    @CsvSource({
        "1000, 10000, 1, 50",        // 10 ms tasks, 10 s per worker: 500 ms of work a bundle, 20 bundles
        "16000, 160000, 16, 50",     // the same on 16 workers
        "16000, 160000, 0, 50",      // worker count unknown: the whole run is one share
        "100, 1000, 1, 10",          // 10 ms tasks, 1 s per worker: a tenth of it, 100 ms a bundle
        "100, 10000, 1, 5",          // 100 ms tasks, 10 s per worker: 500 ms a bundle
        "1600, 16000, 16, 10",       // the same on 16 workers
        "160, 1600, 16, 10",         // 10 ms x 10 per worker: still at least 100 ms of work a bundle
        "100, 100000, 1, 1",         // 1 s tasks: one per bundle
        "1000, 0, 1, 100",           // sleep 0: no work to balance, ten bundles a worker
        "100000, 0, 4, 1000",        // ... up to a thousand tasks a bundle
        "1000000, 0, 4, 1000",
        "100000, 0, 0, 1000",        // worker count unknown: the whole run is one share
        "20000, 0, 16, 125",
        "100, 0, 16, 1",             // fewer tasks than bundles wanted: the count rule's one
        "1000000, 10000000, 4, 256", // 10 ms tasks, a lot of them: the count rule's 256 (more than 500 ms)
        "1000000, 1000000, 4, 500",  // 1 ms tasks: 500 ms of work a bundle, past the count rule's cap
        "10, 10, 1, 10",             // tiny run of 1 ms tasks: at most all of them
    })
    void runRequest_whenTheWorkIsKnown_givesEachWorkerTenBundlesOfATenthToHalfASecondOrUpToAThousandNilTasks(long tasks,
            long sleepMillis, int workers, int expected) {
        RunRequest req = new RunRequest("q", List.<dev.kon.task.Task>of()::iterator, tasks, sleepMillis, workers, 0,
                Duration.ZERO, Duration.ZERO);

        assertThat(req.effectiveBundleSize()).isEqualTo(expected);
    }

    @Test
    void runRequest_withAnOutOfRangeBundleSizeOrNegativeCount_isRefused() {
        assertThatThrownBy(() -> new RunRequest("q", List.<dev.kon.task.Task>of()::iterator, 1, -1, 0, 1001,
                Duration.ZERO, Duration.ZERO)).hasMessage("bundleSize must be 0 (auto) or 1..1000 tasks, was 1001");
        assertThatThrownBy(() -> new RunRequest("q", List.<dev.kon.task.Task>of()::iterator, -1, -1, 0, 0,
                Duration.ZERO, Duration.ZERO)).hasMessage("taskCount must be >= 0, was -1");
    }
}
