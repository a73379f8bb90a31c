package dev.kon.client;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.fixture.TextOnlyQueueService;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run's clean-up when bodies were too large for a message, on queues that carry text as remote ones do (the
 * engine contract in kon-testkit covers runs in general).
 */
class RunClientTest {
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final TextOnlyQueueService queues = new TextOnlyQueueService(new InMemoryQueueService());
    private final Backend backend = new Backend(queues, new InMemoryExecutionLedger(Clock.systemUTC()), blobs);
    private final Map<Long, TaskResult> results = new ConcurrentHashMap<>();
    private Worker worker;

    /** {@code echo} answers its args; {@code length} answers how long they are. */
    private static TaskHandler handler(String type, java.util.function.Function<String, String> answer) {
        return new TaskHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String handle(Task task, TaskContext ctx) {
                return answer.apply(task.args());
            }
        };
    }

    @BeforeEach
    void startAWorker() {
        queues.create(QueueSpec.of("tasks-dead"));
        queues.create(QueueSpec.of("tasks"));
        TaskHandlers handlers = TaskHandlers.of(handler("echo", a -> a),
                handler("length", a -> Integer.toString(a.length())));
        worker = new Worker(WorkerConfig.defaults("tasks").withPollWait(Duration.ofMillis(200)), backend, handlers,
                Clock.systemUTC()).start();
    }

    @AfterEach
    void killTheWorker() {
        worker.kill();
    }

    private RunReport run(Task task) throws InterruptedException {
        RunRequest req = new RunRequest("tasks", List.of(task)::iterator, 1, -1, 1, 1, Duration.ZERO,
                Duration.ofSeconds(30));
        return new RunClient(backend).run("r1", req, r -> results.put(r.taskId(), r), b -> { },
                new RunListener() { });
    }

    private List<String> spilledBodies() {
        return blobs.keys().stream().filter(k -> k.startsWith("bodies/")).toList();
    }

    @Test
    void run_withATaskTooLargeForAMessage_runsItAndDeletesItsSpilledBodyAtTheEnd() throws Exception {
        RunReport report = run(aTask().withId(1).ofType("length").withArgs(dev.kon.fixture.Incompressible.text(300_000, 1)).build());

        assertThat(report.allSucceeded()).isTrue();
        assertThat(results.get(1L).output()).isEqualTo("300000");
        assertThat(spilledBodies()).isEmpty();
        assertThat(queues.find(RunSpec.REPLY_PREFIX + "r1")).isEmpty();
    }

    @Test
    void run_withAResultTooLargeForAMessage_leavesNoSpilledBodyBehind() throws Exception {
        String big = dev.kon.fixture.Incompressible.text(300_000, 2);

        RunReport report = run(aTask().withId(1).ofType("echo").withArgs(big).build());

        assertThat(report.allSucceeded()).isTrue();
        assertThat(results.get(1L).output()).isEqualTo(big);
        assertThat(spilledBodies()).isEmpty();
    }

    @Test
    void manyRunsOnOneWorker_eachGetTheirResult_pastTheWorkersCacheOfReplyQueues() throws InterruptedException {
        // The worker keeps 64 reply queues open; runs 65 to 80 make it drop and reopen queues.
        for (int i = 1; i <= 80; i++) {
            Task task = aTask().withId(i).ofType("echo").withArgs("run " + i).build();
            RunRequest req = new RunRequest("tasks", List.of(task)::iterator, 1, -1, 1, 1, Duration.ZERO,
                    Duration.ofSeconds(30));
            RunReport report = new RunClient(backend).run("run" + i, req, r -> results.put(r.taskId(), r),
                    b -> { }, new RunListener() { });

            assertThat(report.stats().succeeded()).as("run %d", i).isEqualTo(1);
            assertThat(results.get((long) i).output()).isEqualTo("run " + i);
        }
    }
}
