package dev.kon.client;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.fixture.EchoHandler;
import dev.kon.fixture.RecordingQueueService;
import dev.kon.fixture.TextOnlyQueueService;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueNotFoundException;
import dev.kon.queue.QueueSpec;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many calls on one session against a real worker engine on in-memory queues that carry text, as remote ones do.
 * How results are matched when the test itself plays the worker: {@link RequestSessionRepliesTest}.
 */
class RequestSessionTest {
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final RecordingQueueService queues =
            new RecordingQueueService(new TextOnlyQueueService(new InMemoryQueueService()));
    private final Backend backend = new Backend(queues, new InMemoryExecutionLedger(Clock.systemUTC()), blobs);
    private Worker worker;

    /** {@code length} answers how long its arguments are. */
    private static final TaskHandler LENGTH = new TaskHandler() {
        @Override
        public String type() {
            return "length";
        }

        @Override
        public String handle(Task task, TaskContext ctx) {
            return Integer.toString(task.args().length());
        }
    };

    @BeforeEach
    void startAWorker() {
        queues.create(QueueSpec.of("tasks-dead"));
        queues.create(QueueSpec.of("tasks"));
        worker = new Worker(WorkerConfig.defaults("tasks").withThreads(4).withPollWait(Duration.ofMillis(200)),
                backend, TaskHandlers.of(new EchoHandler(), LENGTH), Clock.systemUTC()).start();
    }

    @AfterEach
    void killTheWorker() {
        worker.kill();
    }

    private List<String> replyQueuesCreated() {
        return queues.created.stream().filter(n -> n.startsWith(RunSpec.REPLY_PREFIX)).toList();
    }

    @Test
    void call_twoHundredTimesInARow_answersEachOnTheOneReplyQueue() throws Exception {
        try (RequestSession session = RequestSession.open(backend, "tasks")) {
            for (int i = 1; i <= 200; i++) {
                TaskResult r = session.callOne(aTask().withId(1).ofType("echo").withArgs("call " + i).build(),
                        LONG_ENOUGH);

                assertThat(r).as("answer to call %d", i).isNotNull();
                assertThat(r.output()).isEqualTo("call " + i);
            }
            assertThat(replyQueuesCreated()).containsExactly(session.replyQueue());
            assertThat(session.replyQueue()).isEqualTo(RunSpec.REPLY_PREFIX + session.id());
        }
    }

    @Test
    void call_fromFourThreadsAtOnce_givesEachCallItsOwnResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (RequestSession session = RequestSession.open(backend, "tasks")) {
            List<Future<List<String>>> mismatches = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                mismatches.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int c = 0; c < 25; c++) {
                        List<Task> tasks = new ArrayList<>();
                        for (int id = 1; id <= 3; id++) {
                            tasks.add(new Task(id, "echo", thread + "/" + c + "/" + id));
                        }
                        Map<Long, TaskResult> results = session.call(tasks, LONG_ENOUGH);
                        for (Task task : tasks) {
                            TaskResult r = results.get(task.id());
                            if (r == null || !r.output().equals(task.args())) {
                                wrong.add(task.args() + " -> " + (r == null ? "nothing" : r.output()));
                            }
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> f : mismatches) {
                assertThat(f.get()).isEmpty();
            }
            assertThat(replyQueuesCreated()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void call_withATaskAndAResultTooLargeForAMessage_answersAndLeavesNoBodyInTheBlobStore() throws Exception {
        String big = dev.kon.fixture.Incompressible.text(300_000, 3);
        try (RequestSession session = RequestSession.open(backend, "tasks")) {
            Map<Long, TaskResult> results = session.call(List.of(new Task(1, "length", big),
                    new Task(2, "echo", big)), LONG_ENOUGH);

            assertThat(results.get(1L).output()).isEqualTo("300000");
            assertThat(results.get(2L).output()).isEqualTo(big);
            // The task's body is deleted before the call returns, the result's just after the receiver handed it over.
            await().atMost(LONG_ENOUGH).until(() -> blobs.keys().stream().noneMatch(k -> k.startsWith("bodies/")));
        }
    }

    @Test
    void close_stopsTheReceiverWithoutAnInterruptThenDeletesTheReplyQueue() throws Exception {
        RequestSession session = RequestSession.open(backend, "tasks");
        assertThat(session.callOne(aTask().ofType("echo").withArgs("hi").build(), LONG_ENOUGH).output())
                .isEqualTo("hi");
        // Only the session's receiver left polling, so the count below is its alone.
        worker.kill();
        await().atMost(LONG_ENOUGH).until(() -> queues.receiving.get() == 1);
        int interruptedBefore = queues.interruptedReceives.get();

        session.close();

        assertThat(queues.deleted).containsExactly(session.replyQueue());
        assertThat(queues.receivingAtDelete).as("receives in progress when the queue was deleted").containsExactly(0);
        assertThat(queues.interruptedReceives).as("receives ended by an interrupt").hasValue(interruptedBefore);
        assertThat(queues.find(session.replyQueue())).isEmpty();
        session.close();
        assertThat(queues.deleted).hasSize(1);
    }

    @Test
    void call_afterClose_isRefused() {
        RequestSession session = RequestSession.open(backend, "tasks");
        session.close();

        assertThatThrownBy(() -> session.callOne(aTask().ofType("echo").build(), LONG_ENOUGH))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void open_withAMissingTaskQueue_makesNoReplyQueue() {
        assertThatThrownBy(() -> RequestSession.open(backend, "nope")).isInstanceOf(QueueNotFoundException.class);

        assertThat(replyQueuesCreated()).isEmpty();
    }

    @Test
    void call_withTwoTasksOfOneId_isRefusedBeforeAnythingIsSent() throws Exception {
        try (RequestSession session = RequestSession.open(backend, "tasks")) {
            assertThatThrownBy(() -> session.call(List.of(new Task(7, "echo", "a"), new Task(7, "echo", "b")),
                    LONG_ENOUGH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 appears twice");
            assertThat(worker.tasksRun()).isZero();
        }
    }
}
