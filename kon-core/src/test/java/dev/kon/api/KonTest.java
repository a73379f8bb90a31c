package dev.kon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.fixture.EchoHandler;
import dev.kon.runs.RunState;
import dev.kon.task.SleepHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The library API on local mode: futures, runs, cancel. */
class KonTest {
    private static KonSettings local(int threads) {
        return KonSettings.inMemory(threads, TaskHandlers.of(new EchoHandler(), new SleepHandler()));
    }

    @Test
    void submit_ofOneTask_completesWithItsOutput() throws Exception {
        try (Kon kon = Kon.open(local(2))) {
            assertThat(kon.submit("echo", "hello").get(30, TimeUnit.SECONDS)).isEqualTo("hello");
        }
    }

    @Test
    void submit_ofManyAtOnce_completesEachWithItsOwnOutput() throws Exception {
        try (Kon kon = Kon.open(local(4))) {
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                futures.add(kon.submit("echo", "n" + i));
            }
            for (int i = 0; i < 500; i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("n" + i);
            }
        }
    }

    @Test
    void submit_typed_decodesTheOutput() throws Exception {
        TaskType<Integer, Integer> echoInt = TaskType.of("echo", String::valueOf, Integer::valueOf);
        try (Kon kon = Kon.open(local(1))) {
            assertThat(kon.submit(echoInt, 41).thenApply(n -> n + 1).get(30, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }

    @Test
    void submit_ofATypeNoWorkerKnows_failsWithTaskFailedException() throws Exception {
        try (Kon kon = Kon.open(local(1))) {
            CompletableFuture<String> f = kon.submit("nosuchtype", "x");
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TaskFailedException.class).hasMessageContaining("nosuchtype");
        }
    }

    @Test
    void close_withAFutureUnanswered_failsIt() throws Exception {
        CompletableFuture<String> f;
        try (Kon kon = Kon.open(local(1))) {
            kon.submit("sleep", "60000");
            f = kon.submit("sleep", "60000");
        }
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).cause().hasMessageContaining("closed");
    }

    @Test
    void run_ofAStream_yieldsEveryResultOnce() {
        int n = 5_000;
        try (Kon kon = Kon.open(local(4));
                RunHandle run = kon.run(IntStream.range(0, n).mapToObj(i -> TaskCall.of("echo", "t" + i)),
                        RunOptions.defaults().withBundleSize(20))) {
            Set<Long> ids = new HashSet<>();
            run.results().forEachRemaining(r -> {
                assertThat(r.output()).isEqualTo("t" + r.taskId());
                assertThat(ids.add(r.taskId())).as("first result of task %d", r.taskId()).isTrue();
            });
            assertThat(ids).hasSize(n);
            assertThat(run.progress().sent()).isEqualTo(n);
            assertThat(kon.backend().runs().find(run.id()).orElseThrow().state()).isEqualTo(RunState.DONE);
        }
    }

    @Test
    void run_ofNoTasks_endsAtOnce() {
        try (Kon kon = Kon.open(local(1)); RunHandle run = kon.run(java.util.stream.Stream.empty())) {
            assertThat(run.results().hasNext()).isFalse();
        }
    }

    @Test
    void run_cancelled_answersTheSentTasksAsCancelledAndEnds() {
        try (Kon kon = Kon.open(local(2));
                RunHandle run = kon.run(IntStream.range(0, 1_000).mapToObj(i -> TaskCall.of("sleep", "200")),
                        RunOptions.defaults().withBundleSize(5).withWindow(100))) {
            var it = run.results();
            assertThat(it.next().succeeded()).isTrue();
            assertThat(run.cancel()).isTrue();
            long failed = 0;
            long total = 1;
            while (it.hasNext()) {
                TaskResult r = it.next();
                total++;
                if (!r.succeeded()) {
                    failed++;
                    assertThat(r.output()).contains("cancel");
                }
            }
            assertThat(failed).isPositive();
            assertThat(total).isLessThan(1_000).isEqualTo(run.progress().sent());
            assertThat(kon.backend().runs().find(run.id()).orElseThrow().state()).isEqualTo(RunState.CANCELLED);
        }
    }

    @Test
    void requests_answerACallOnTheCallingThread_andCloseWithTheClient() throws Exception {
        dev.kon.client.RequestSession session;
        try (Kon kon = Kon.open(local(2))) {
            session = kon.requests();
            assertThat(kon.requests()).isSameAs(session);
            TaskResult r = session.callOne(new dev.kon.task.Task(7, "echo", "hi"), seconds(30));
            assertThat(r.succeeded()).isTrue();
            assertThat(r.output()).isEqualTo("hi");
            assertThat(kon.backend().queues().find(session.replyQueue())).isPresent();
        }
        assertThatThrownBy(() -> session.callOne(new dev.kon.task.Task(1, "echo", "x"), seconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void archivedRuns_runAWorkloadOfKnownLength_registeredWithItsCountAndArchived() throws Exception {
        try (Kon kon = Kon.open(local(2))) {
            List<dev.kon.task.Task> tasks = List.of(new dev.kon.task.Task(1, "echo", "a"),
                    new dev.kon.task.Task(2, "echo", "b"), new dev.kon.task.Task(3, "echo", "c"));
            String id = dev.kon.client.RunSpec.newRunId();
            var archive = new dev.kon.client.RunArchive(kon.backend().blobs(), id);
            var req = new dev.kon.client.RunRequest(kon.taskQueue(), tasks::iterator, 3, -1, 0, 0, Duration.ZERO,
                    seconds(30), null, "three", dev.kon.runs.RunOrigin.NONE);

            var report = kon.archivedRuns().run(id, req, r -> { }, archive::keep,
                    new dev.kon.client.RunListener() { });

            assertThat(report.allSucceeded()).isTrue();
            assertThat(kon.backend().runs().find(id).orElseThrow().tasks()).isEqualTo(3);
            assertThat(archive.kept().stream().mapToLong(b -> b.results().size()).sum()).isEqualTo(3);
        }
    }

    @Test
    void archivedRuns_ofAClosedClient_areRefused() {
        Kon kon = Kon.open(local(1));
        kon.close();
        assertThatThrownBy(kon::archivedRuns).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settings_withNoThreads_areRefusedNamingTheField() {
        assertThatThrownBy(() -> KonSettings.inMemory(0, TaskHandlers.of(new EchoHandler())))
                .hasMessage("threads must be >= 1, was 0");
    }

    @Test
    void runOptions_withAZeroWindow_areRefusedNamingTheField() {
        assertThatThrownBy(() -> RunOptions.defaults().withWindow(0)).hasMessage("window must be >= 1 tasks, was 0");
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
