package dev.kon.client;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.runs.FailedTask;
import dev.kon.runs.InMemoryRunRegistry;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run's failures in its report and in the run registry, and a resumed submission, on one in-process worker. */
class RunClientFailuresTest {
    private final InMemoryRunRegistry runs = new InMemoryRunRegistry();
    private final InMemoryQueueService queues = new InMemoryQueueService();
    /** How long keeping failures takes, as a remote registry's write does. */
    private volatile long keepMillis;
    private final Backend backend = new Backend(queues, new InMemoryExecutionLedger(Clock.systemUTC(), runs),
            new InMemoryBlobStore(), new dev.kon.fixture.DelegatingRunRegistry(runs) {
                @Override
                public boolean keepFailures(dev.kon.runs.BundleFailures failures) {
                    java.util.concurrent.locks.LockSupport.parkNanos(keepMillis * 1_000_000);
                    return super.keepFailures(failures);
                }
            });
    private final Map<Long, AtomicInteger> ranTimes = new ConcurrentHashMap<>();
    private Worker worker;

    @BeforeEach
    void startAWorker() {
        queues.create(QueueSpec.of("tasks-dead"));
        queues.create(QueueSpec.of("tasks"));
        TaskHandler count = new TaskHandler() {
            @Override
            public String type() {
                return "count";
            }

            @Override
            public String handle(Task task, TaskContext ctx) {
                ranTimes.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet();
                if (task.args().startsWith("fail")) {
                    throw new PermanentTaskFailure("told to fail: " + task.args());
                }
                return "ok";
            }
        };
        worker = new Worker(WorkerConfig.defaults("tasks").withPollWait(Duration.ofMillis(100)), backend,
                TaskHandlers.of(count), Clock.systemUTC()).start();
    }

    @AfterEach
    void killTheWorker() {
        worker.kill();
    }

    private static List<Task> tasks(int n, java.util.function.LongPredicate fails) {
        List<Task> out = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            out.add(aTask().withId(id).ofType("count").withArgs(fails.test(id) ? "fail " + id : "pass").build());
        }
        return out;
    }

    @Test
    void run_withTwelveFailures_reportsTheFirstTenByLine_andTheRegistryKeepsAllTwelve() throws Exception {
        List<Task> tasks = tasks(40, id -> id % 3 == 0 && id <= 36);
        RunRequest req = new RunRequest("tasks", tasks::iterator, tasks.size(), -1, 1, 4, Duration.ZERO,
                Duration.ofSeconds(30)).withWorkload("forty.txt");

        RunReport report = new RunClient(backend).run("r-fail", req, r -> { }, b -> { }, new RunListener() { });

        assertThat(report.stats().failed()).isEqualTo(12);
        assertThat(report.failures()).extracting(TaskResult::taskId)
                .containsExactly(3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L, 30L);
        assertThat(report.render()).contains("failed tasks (first 10 by line of 12; the log has them all)",
                "line 3        told to fail: fail 3");
        List<FailedTask> kept = runs.failures("r-fail", 100);
        assertThat(kept).extracting(FailedTask::line).containsExactly(3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L,
                30L, 33L, 36L);
        assertThat(kept.get(0)).extracting(FailedTask::type, FailedTask::args, FailedTask::reason,
                FailedTask::attempts).containsExactly("count", "fail 3", "told to fail: fail 3", 1L);
    }

    @Test
    void run_aFailureTheClientHearsOf_isAlreadyKeptInTheRegistry() throws Exception {
        List<Task> tasks = tasks(40, id -> id % 5 == 0);
        RunRequest req = new RunRequest("tasks", tasks::iterator, tasks.size(), -1, 1, 4, Duration.ZERO,
                Duration.ofSeconds(30));
        List<Long> heardButNotKept = new java.util.concurrent.CopyOnWriteArrayList<>();
        keepMillis = 50;

        new RunClient(backend).run("r-heard", req, r -> {
            if (!r.succeeded() && runs.failures("r-heard", 100).stream().noneMatch(f -> f.line() == r.taskId())) {
                heardButNotKept.add(r.taskId());
            }
        }, b -> { }, new RunListener() { });

        assertThat(heardButNotKept).isEmpty();
        assertThat(runs.failures("r-heard", 100)).hasSize(8);
    }

    @Test
    void resume_ofARunWhoseRecordLagsTheQueue_sendsTheRest_andRunsEveryTaskOnce() throws Exception {
        List<Task> tasks = tasks(50, id -> false);
        RunRequest req = new RunRequest("tasks", tasks::iterator, tasks.size(), -1, 1, 5, Duration.ZERO,
                Duration.ofSeconds(30)).withFingerprint("sha256:00 size:1");
        RunSpec spec = RunSpec.create("r-resume", 5);
        queues.create(QueueSpec.of(spec.replyQueue()));
        // The first client sent bundles 1..4 and was killed having recorded only 1..2 as sent.
        new Submitter(queues.open("tasks"), new LargeBodies(backend.blobs(), queues.open("tasks").limits()), 1, 0)
                .submit(spec, tasks.subList(0, 20).iterator(), n -> { });
        runs.register(RunRecord.submitting("r-resume", Clock.systemUTC().instant(), "here", "fifty.txt", "tasks",
                50, -1).withOrigin(req.recordedOrigin()));
        runs.submitted("r-resume", 10, 2, false);

        RunRecord record = runs.find("r-resume").orElseThrow();
        RunReport report = new RunClient(backend).resume(record, req, new RunArchive(backend.blobs(), "r-resume"),
                r -> { }, new RunListener() { });

        assertThat(report.stats().distinct()).isEqualTo(50);
        assertThat(report.stats().succeeded()).isEqualTo(50);
        assertThat(ranTimes).hasSize(50);
        assertThat(ranTimes.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(runs.find("r-resume").orElseThrow().state()).isEqualTo(RunState.DONE);
    }
}
