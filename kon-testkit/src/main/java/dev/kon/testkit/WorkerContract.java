package dev.kon.testkit;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.Backend;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.queue.DeadLetterNote;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.runs.RunRecord;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of the design, proven end to end on a backend: workers and a client on real queues and a real
 * ledger. A backend's test subclasses this and answers {@link #backend()}. Uses real time with short leases.
 */
public abstract class WorkerContract {

    /**
     * The backend under test; may be shared by all tests of a class. Its ledger must count completed bundles into
     * its run registry.
     */
    protected abstract Backend backend();

    private static final Duration LEASE = Duration.ofSeconds(3);
    private final List<Worker> workers = new ArrayList<>();
    private TestHandlers test;
    private String queue;

    @BeforeEach
    void setUpQueues() {
        test = new TestHandlers();
        queue = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        backend().queues().create(QueueSpec.of(QueueSpec.deadLetterQueueOf(queue)));
        backend().queues().create(QueueSpec.of(queue).withVisibilityTimeout(LEASE)
                .withDeadLetterQueue(QueueSpec.deadLetterQueueOf(queue), 10));
    }

    @AfterEach
    void stopWorkers() {
        test.unblock();
        workers.forEach(Worker::kill);
    }

    private WorkerConfig config(int threads) {
        return WorkerConfig.defaults(queue).withThreads(threads).withLease(LEASE).withPollWait(Duration.ofSeconds(1))
                .withRetries(3, Duration.ofMillis(10));
    }

    private Worker startWorker(WorkerConfig cfg) {
        Worker w = new Worker(cfg, backend(), test.handlers(), Clock.systemUTC());
        workers.add(w);
        return w.start();
    }

    private record Outcome(RunReport report, Map<Long, TaskResult> results) {
    }

    private Outcome run(List<Task> tasks, int bundleSize, Duration timeout) throws InterruptedException {
        Map<Long, TaskResult> results = new ConcurrentHashMap<>();
        RunRequest req = new RunRequest(queue, tasks::iterator, tasks.size(), -1, 0, bundleSize, Duration.ZERO, timeout);
        RunReport report = new RunClient(backend()).run(RunSpec.newRunId(), req, r -> results.put(r.taskId(), r),
                b -> { }, new RunListener() { });
        return new Outcome(report, results);
    }

    @Test
    public void manyWorkersManyTasks_everyTaskRunsExactlyOnceAndIsReportedOnce() throws Exception {
        // A longer lease than the other tests': exactly once is promised to workers that renew their leases, and
        // a 3 s lease is lost by a JVM starved for 2 s on a busy machine, after which the bundle rightly runs again.
        for (int i = 0; i < 3; i++) {
            startWorker(config(2).withLease(Duration.ofSeconds(15)));
        }
        List<Task> tasks = aTask().ofType("count").times(1500);

        Outcome o = run(tasks, 7, Duration.ofSeconds(60));

        assertThat(o.report().stats().distinct()).isEqualTo(1500);
        assertThat(o.report().stats().succeeded()).isEqualTo(1500);
        assertThat(test.runs()).hasSize(1500);
        assertThat(test.runs().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    public void sameBundleDeliveredTwice_runsOnceAndIsAcknowledgedTwice() throws Exception {
        TaskQueue q = backend().queues().open(queue);
        String runId = RunSpec.newRunId();
        RunSpec spec = RunSpec.create(runId, 10);
        TaskQueue replies = backend().queues().create(QueueSpec.of(spec.replyQueue()));
        String body = WireCodec.encodeBundle(new TaskBundle(runId, runId + "-b1", spec.replyQueue(),
                aTask().ofType("count").times(5)));
        q.send(List.of(body));
        Worker w = startWorker(config(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> test.runs().size() == 5);

        q.send(List.of(body));

        await().atMost(Duration.ofSeconds(20)).until(() -> q.depth().total() == 0);
        assertThat(test.runs().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(w.tasksRun()).isEqualTo(5);
        backend().queues().delete(replies.name());
    }

    @Test
    public void twoCopiesOfABundleArrivingTogether_runOnce() throws Exception {
        TaskQueue q = backend().queues().open(queue);
        String runId = RunSpec.newRunId();
        RunSpec spec = RunSpec.create(runId, 10);
        TaskQueue replies = backend().queues().create(QueueSpec.of(spec.replyQueue()));
        String body = WireCodec.encodeBundle(new TaskBundle(runId, runId + "-b1", spec.replyQueue(),
                aTask().ofType("count").times(3)));
        q.send(List.of(body, body, body));

        startWorker(config(2));

        await().atMost(Duration.ofSeconds(30)).until(() -> q.depth().total() == 0);
        assertThat(test.runs()).hasSize(3);
        assertThat(test.runs().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        backend().queues().delete(replies.name());
    }

    @Test
    public void workerKilledMidTask_itsBundleIsFinishedByAnotherAfterTheLease() throws Exception {
        Worker first = startWorker(config(1));
        List<Task> tasks = List.of(aTask().withId(1).ofType("block").build());
        var runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var outcome = runner.submit(() -> run(tasks, 1, Duration.ofSeconds(60)));
            assertThat(test.blockStarted().await(20, TimeUnit.SECONDS)).isTrue();

            first.kill();
            test.unblock();
            startWorker(config(1));

            Outcome o = outcome.get(60, TimeUnit.SECONDS);
            assertThat(o.report().stats().succeeded()).isEqualTo(1);
            assertThat(o.results().get(1L).worker()).doesNotStartWith(first.id());
            assertThat(test.runs().get(1L).get()).isEqualTo(2);
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    public void malformedMessage_goesToTheDeadLetterQueueAndTheWorkerLivesOn() throws Exception {
        TaskQueue q = backend().queues().open(queue);
        TaskQueue dead = backend().queues().open(QueueSpec.deadLetterQueueOf(queue));
        startWorker(config(1));

        q.send(List.of("this is not json", "{\"v\":99,\"tasks\":[]}"));

        await().atMost(Duration.ofSeconds(20)).until(() -> dead.depth().total() == 2);
        Outcome o = run(aTask().ofType("count").times(3), 1, Duration.ofSeconds(30));
        assertThat(o.report().stats().succeeded()).isEqualTo(3);
    }

    @Test
    public void bundleDeliveredTooOften_isReportedFailedWithTheReasonAndDeadLettered() throws Exception {
        TaskQueue q = backend().queues().open(queue);
        TaskQueue dead = backend().queues().open(QueueSpec.deadLetterQueueOf(queue));
        var runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var outcome = runner.submit(() -> run(List.of(aTask().withId(1).ofType("count").build()), 1,
                    Duration.ofSeconds(60)));
            // Two deliveries that never finish, as if two workers died on the task one after the other.
            for (int i = 0; i < 2; i++) {
                List<QueueMessage> got = List.of();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (got.isEmpty() && System.nanoTime() < deadline) {
                    got = q.receive(1, Duration.ofSeconds(1));
                }
                assertThat(got).hasSize(1);
            }
            startWorker(config(1).withMaxReceives(2));

            Outcome o = outcome.get(60, TimeUnit.SECONDS);
            assertThat(o.report().stats().failed()).isEqualTo(1);
            assertThat(o.results().get(1L).output()).contains("given up after 3 deliveries");
            assertThat(test.runs()).isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> dead.depth().total() == 1);
        } finally {
            runner.shutdownNow();
        }
    }

    /** Receives the only message of {@code q}, or fails after 20 s. */
    private static QueueMessage receiveOne(TaskQueue q) {
        List<QueueMessage> got = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (got.isEmpty() && System.nanoTime() < deadline) {
            got = q.receive(1, Duration.ofSeconds(1));
        }
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    @Test
    public void poisonBundle_isDeadLetteredWithItsReason_andRedrivenItRunsAndItsRunCountsItOnce() {
        TaskQueue q = backend().queues().open(queue);
        TaskQueue dead = backend().queues().open(QueueSpec.deadLetterQueueOf(queue));
        String runId = RunSpec.newRunId();
        backend().runs().register(RunRecord.submitting(runId, java.time.Instant.now(), "test", "poison", queue, 2,
                -1));
        // No reply queue: the run's client has gone, so the counts can reach only the run's record.
        q.send(List.of(WireCodec.encodeBundle(new TaskBundle(runId, runId + "-b1",
                RunSpec.create(runId, 10).replyQueue(), aTask().ofType("count").times(2)))));
        // Two deliveries that never finish, as if two workers died on the task one after the other.
        receiveOne(q);
        receiveOne(q);
        Worker w = startWorker(config(1).withMaxReceives(2));

        QueueMessage letter = receiveOne(dead);
        DeadLetterNote note = DeadLetterNote.of(letter).orElseThrow();
        assertThat(note.reason()).startsWith("given up after 3 deliveries");
        assertThat(note.sourceQueue()).isEqualTo(queue);
        assertThat(note.receiveCount()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> backend().runs().find(runId).orElseThrow().done() == 2);
        assertThat(backend().runs().find(runId).orElseThrow().failed()).isEqualTo(2);
        assertThat(test.runs()).isEmpty();

        assertThat(q.send(List.of(letter.body())).allOk()).isTrue();
        dead.acknowledge(List.of(letter));

        await().atMost(Duration.ofSeconds(20)).until(() -> test.runs().size() == 2 && q.depth().total() == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> backend().runs().find(runId).orElseThrow().failed() == 0);
        assertThat(backend().runs().find(runId).orElseThrow().done()).isEqualTo(2);
        assertThat(test.runs().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(w.tasksRun()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> dead.depth().total() == 0);
    }

    @Test
    public void failingTasks_areRetriedThenReportedFailedWithTheirReason() throws Exception {
        startWorker(config(2));
        List<Task> tasks = List.of(aTask().withId(1).ofType("fail").withArgs("x").build(),
                aTask().withId(2).ofType("perm").withArgs("y").build(),
                aTask().withId(3).ofType("nosuchtype").build(),
                aTask().withId(4).ofType("count").build());

        Outcome o = run(tasks, 10, Duration.ofSeconds(30));

        assertThat(o.report().stats().failed()).isEqualTo(3);
        assertThat(o.report().stats().succeeded()).isEqualTo(1);
        assertThat(o.results().get(1L).output()).contains("boom x").contains("after 3 attempts");
        assertThat(test.failAttempts()).isEqualTo(3);
        assertThat(o.results().get(2L).output()).isEqualTo("bad input y");
        assertThat(o.results().get(3L).output()).contains("unknown task type 'nosuchtype'");
    }

    @Test
    public void gracefulStop_finishesTheTasksInHandAndPostsTheirResults() throws Exception {
        Worker w = startWorker(config(2));
        var runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var outcome = runner.submit(() -> run(aTask().ofType("sleep").withArgs("700").times(2), 1,
                    Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(20)).until(() -> backend().queues().open(queue).depth().inFlight() == 2);

            assertThat(w.stop(Duration.ofSeconds(20))).isTrue();

            assertThat(outcome.get(30, TimeUnit.SECONDS).report().stats().succeeded()).isEqualTo(2);
        } finally {
            runner.shutdownNow();
        }
    }
}
