package dev.kon.local;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.fixture.EchoHandler;
import dev.kon.queue.QueueSpec;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's wiring: the queues it makes, a run through it, and what it refuses. */
class LocalModeTest {
    @TempDir
    Path blobs;

    @Test
    void start_makesTheTaskQueueWithItsDeadLetterQueue() throws Exception {
        try (LocalMode local = LocalMode.start(LocalMode.Options.of(blobs, TaskHandlers.of(new EchoHandler()), 1))) {
            assertThat(local.backend().queues().find(LocalMode.QUEUE)).isPresent();
            assertThat(local.backend().queues().find(QueueSpec.deadLetterQueueOf(LocalMode.QUEUE))).isPresent();
            assertThat(local.queue()).isEqualTo(LocalMode.QUEUE);
        }
    }

    @Test
    void run_onTheWorkerItStarted_answersEveryTask() throws Exception {
        List<Task> tasks = List.of(aTask().withId(1).ofType("echo").withArgs("a").build(),
                aTask().withId(2).ofType("echo").withArgs("b").build());
        Map<Long, TaskResult> results = new ConcurrentHashMap<>();
        RunReport report;
        try (LocalMode local = LocalMode.start(LocalMode.Options.of(blobs, TaskHandlers.of(new EchoHandler()), 2))) {
            RunRequest req = new RunRequest(local.queue(), tasks::iterator, tasks.size(), 0, 2, 1, Duration.ZERO,
                    Duration.ofSeconds(30));
            report = new RunClient(local.backend(), LocalMode.MAX_WAITING).run("r1", req,
                    r -> results.put(r.taskId(), r), b -> { }, new RunListener() { });
        }

        assertThat(report.allSucceeded()).isTrue();
        assertThat(results).containsOnlyKeys(1L, 2L);
        assertThat(results.get(2L).output()).isEqualTo("b");
    }

    @Test
    void options_withNoThreads_areRefusedNamingTheField() {
        assertThatThrownBy(() -> LocalMode.Options.of(blobs, TaskHandlers.of(new EchoHandler()), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be >= 1, was 0");
    }

    @Test
    void run_ofManyTasks_readsItsResultsOnOneThread() throws Exception {
        List<Task> tasks = java.util.stream.LongStream.rangeClosed(1, 1000)
                .mapToObj(i -> aTask().withId(i).ofType("echo").withArgs("x").build()).toList();
        java.util.Set<String> readers = ConcurrentHashMap.newKeySet();
        try (LocalMode local = LocalMode.start(LocalMode.Options.of(blobs, TaskHandlers.of(new EchoHandler()), 2))) {
            RunRequest req = new RunRequest(local.queue(), tasks::iterator, tasks.size(), 0, 2, 10, Duration.ZERO,
                    Duration.ofSeconds(30));
            RunReport report = new RunClient(local.backend(), LocalMode.MAX_WAITING).run("r1", req,
                    r -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                            .filter(n -> n.startsWith("kon-replies-")).forEach(readers::add),
                    b -> { }, new RunListener() { });
            assertThat(report.allSucceeded()).isTrue();
        }

        assertThat(readers).hasSize(1);
    }
}
