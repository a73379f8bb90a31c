package dev.kon.worker;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.fixture.MutableClock;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerEntry;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the worker does beyond the engine contract that kon-testkit runs on it. */
class WorkerTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(20);
    private static final String REPLY = "kon-resp-r";
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final InMemoryQueueService queues = new InMemoryQueueService(clock);
    private final InMemoryExecutionLedger ledger = new InMemoryExecutionLedger(clock);
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final Backend backend = new Backend(queues, ledger, blobs);
    private final TaskQueue tasks = queues.create(QueueSpec.of("tasks").withVisibilityTimeout(LEASE)
            .withDeadLetterQueue("tasks-dead", 10));
    private final TaskQueue replies = queues.create(QueueSpec.of(REPLY));
    private final Map<Long, TaskResult> results = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final CountDownLatch blockStarted = new CountDownLatch(1);
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final List<Worker> workers = new ArrayList<>();

    private final TaskHandlers handlers = TaskHandlers.of(
            handler("count", t -> {
                runs.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
                return "ok " + t.args();
            }),
            handler("block", t -> {
                blockStarted.countDown();
                unblock.await();
                return "unblocked";
            }),
            handler("oom", t -> {
                throw new OutOfMemoryError("test");
            }),
            handler("linkage", t -> {
                throw new NoClassDefFoundError("test");
            }),
            handler("overflow", t -> Integer.toString(recurse(0))),
            handler("null", t -> null));

    private interface Body {
        String run(Task t) throws Exception;
    }

    private static TaskHandler handler(String type, Body body) {
        return new TaskHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String handle(Task task, TaskContext ctx) throws Exception {
                return body.run(task);
            }
        };
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @AfterEach
    void stopWorkers() {
        unblock.countDown();
        workers.forEach(Worker::kill);
    }

    private WorkerConfig config() {
        return WorkerConfig.defaults("tasks").withPollWait(Duration.ofMillis(200)).withLease(LEASE)
                .withRetries(1, Duration.ZERO);
    }

    private Worker start(WorkerConfig cfg) {
        Worker w = new Worker(cfg, backend, handlers, clock, "test/1/w" + workers.size());
        workers.add(w);
        return w.start();
    }

    private void submit(String bundleId, String reply, Task... bundle) {
        String body = WireCodec.encodeBundle(new TaskBundle("r", bundleId, reply, List.of(bundle)));
        assertThat(tasks.send(List.of(body)).allOk()).isTrue();
    }

    private void submit(String bundleId, Task... bundle) {
        submit(bundleId, REPLY, bundle);
    }

    /** Waits until results for {@code n} tasks are on the reply queue, and answers them by task id. */
    private Map<Long, TaskResult> awaitResults(int n) {
        await().atMost(LONG_ENOUGH).until(() -> {
            List<QueueMessage> got = replies.receive(10, Duration.ofMillis(100));
            for (QueueMessage m : got) {
                ResultBatch b = m.payload() instanceof ResultBatch rb ? rb : WireCodec.decodeResults(m.body());
                b.results().forEach(r -> results.put(r.taskId(), r));
            }
            if (!got.isEmpty()) {
                replies.acknowledge(got);
            }
            return results.size() >= n;
        });
        return results;
    }

    @Test
    void idleExit_withNothingToDo_stopsTheWorkerAfterTheIdleTime() throws Exception {
        Worker w = start(config().withIdleExit(Duration.ofSeconds(1)));

        assertThat(w.awaitTermination(LONG_ENOUGH)).isTrue();
    }

    @Test
    void idleExit_whileABundleIsInHand_waitsForItToFinishThenStops() throws Exception {
        Worker w = start(config().withIdleExit(Duration.ofSeconds(1)));
        submit("r-b1", aTask().withId(1).ofType("block").build());
        assertThat(blockStarted.await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(w.awaitTermination(Duration.ofMillis(1500))).as("stopped with a task in hand").isFalse();

        unblock.countDown();
        assertThat(w.awaitTermination(LONG_ENOUGH)).isTrue();
        assertThat(awaitResults(1).get(1L).output()).isEqualTo("unblocked");
        assertThat(tasks.depth().total()).isZero();
    }

    @Test
    void idleExit_ofZero_keepsTheWorkerRunning() throws Exception {
        Worker w = start(config());

        assertThat(w.awaitTermination(Duration.ofMillis(1200))).isFalse();

        submit("r-b1", aTask().withId(1).ofType("count").build());
        assertThat(awaitResults(1).get(1L).succeeded()).isTrue();
    }

    @Test
    void stop_beforeStart_answersAtOnceThatNothingIsLeft() throws Exception {
        Worker w = new Worker(config(), backend, handlers, clock, "test/1/never");

        assertThat(w.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(w.awaitTermination(Duration.ZERO)).isTrue();
    }

    @Test
    void stop_afterAnIdleExit_answersAtOnce() throws Exception {
        Worker w = start(config().withIdleExit(Duration.ofSeconds(1)));
        assertThat(w.awaitTermination(LONG_ENOUGH)).isTrue();

        assertThat(w.stop(Duration.ZERO)).isTrue();
    }

    @Test
    void stop_withATaskThatOutlivesTheGrace_abandonsItsBundleLikeAKill() throws Exception {
        Worker w = start(config());
        submit("r-b1", aTask().withId(1).ofType("block").build());
        assertThat(blockStarted.await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(w.stop(Duration.ofMillis(500))).isFalse();

        assertThat(w.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(tasks.depth().inFlight()).isEqualTo(1);
        assertThat(replies.depth().total()).isZero();
        assertThat(ledger.read("r-b1").state()).isEqualTo(LedgerEntry.State.RUNNING);
    }

    @Test
    void kill_midTask_leavesTheMessageUnacknowledgedAndPostsNothing() throws Exception {
        Worker w = start(config());
        submit("r-b1", aTask().withId(1).ofType("block").build(), aTask().withId(2).ofType("count").build());
        assertThat(blockStarted.await(20, TimeUnit.SECONDS)).isTrue();

        w.kill();

        assertThat(w.awaitTermination(LONG_ENOUGH)).isTrue();
        assertThat(tasks.depth().inFlight()).isEqualTo(1);
        assertThat(replies.depth().total()).isZero();
        assertThat(ledger.read("r-b1").state()).isEqualTo(LedgerEntry.State.RUNNING);
        assertThat(ledger.read("r-b1").owner()).isEqualTo(w.id());

        clock.advance(LEASE.plusSeconds(1));

        List<QueueMessage> again = tasks.receive(10, Duration.ZERO);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).receiveCount()).isEqualTo(2);
        assertThat(WireCodec.decodeBundle(again.get(0).body()).bundleId()).isEqualTo("r-b1");
    }

    @Test
    void handlerThrowingAnError_failsItsTaskAndTheWorkerRunsLaterTasks() throws Exception {
        Worker w = start(config().withThreads(1));
        submit("r-b1", aTask().withId(1).ofType("linkage").build(), aTask().withId(2).ofType("overflow").build(),
                aTask().withId(3).ofType("count").withArgs("a").build());

        Map<Long, TaskResult> first = awaitResults(3);

        assertThat(first.get(1L).succeeded()).isFalse();
        assertThat(first.get(1L).output()).isEqualTo("NoClassDefFoundError: test");
        assertThat(first.get(2L).succeeded()).isFalse();
        assertThat(first.get(2L).output()).startsWith("StackOverflowError");
        assertThat(first.get(3L).output()).isEqualTo("ok a");

        submit("r-b2", aTask().withId(4).ofType("count").withArgs("b").build());

        assertThat(awaitResults(4).get(4L).output()).isEqualTo("ok b");
        assertThat(w.tasksRun()).isEqualTo(4);
        await().atMost(LONG_ENOUGH).until(() -> tasks.depth().total() == 0);
    }

    @Test
    void handlerThrowingAnError_isRetriedLikeAnyOtherFailure() throws Exception {
        start(config().withRetries(3, Duration.ofMillis(1)));
        submit("r-b1", aTask().withId(1).ofType("linkage").build());

        assertThat(awaitResults(1).get(1L).output()).isEqualTo("NoClassDefFoundError: test (after 3 attempts)");
    }

    @Test
    void handlerRunningOutOfMemory_failsTheWorker_whichTellsItsOwnerAndLeavesTheBundleOnTheQueue() {
        List<WorkerFailedException> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        Worker w = new Worker(config(), backend, handlers, clock, "test/1/oom");
        workers.add(w);
        w.onFailure(told::add).start();

        submit("r-b1", aTask().withId(1).ofType("oom").build());

        await().atMost(LONG_ENOUGH).until(() -> !told.isEmpty());
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).hasMessageContaining("OutOfMemoryError").hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(w.failure()).contains(told.get(0));
        await().atMost(LONG_ENOUGH).until(() -> {
            try {
                return w.awaitTermination(Duration.ZERO);
            } catch (InterruptedException e) {
                return false;
            }
        });
        assertThat(tasks.depth().inFlight()).isEqualTo(1);
        assertThat(replies.depth().total()).isZero();
    }

    @Test
    void handlerReturningNull_isReportedAsAnEmptySuccess() throws Exception {
        start(config());
        submit("r-b1", aTask().withId(1).ofType("null").build());

        TaskResult r = awaitResults(1).get(1L);

        assertThat(r.succeeded()).isTrue();
        assertThat(r.output()).isEmpty();
        assertThat(r.worker()).isEqualTo("test/1/w0/t0");
    }

    @Test
    void bundleSpilledToTheBlobStore_isReadFromThereAndRun() throws Exception {
        start(config());
        String body = WireCodec.encodeBundle(new TaskBundle("r", "r-b1", REPLY,
                List.of(aTask().withId(1).ofType("count").withArgs("big").build())));
        blobs.putBytes("bodies/r/r-b1.json", body.getBytes(StandardCharsets.UTF_8), "application/json");

        tasks.send(List.of(WireCodec.encodePointer("bodies/r/r-b1.json")));

        assertThat(awaitResults(1).get(1L).output()).isEqualTo("ok big");
    }

    @Test
    void bundleForADeletedReplyQueue_isRunCompletedAndDeleted_notDeadLettered() throws Exception {
        TaskQueue dead = queues.open("tasks-dead");
        start(config());

        submit("r-b1", "kon-resp-gone", aTask().withId(1).ofType("count").build());

        // Completed, so its counts reach the run's record, and deleted: a dead-lettered copy would only run again
        // for nobody, and again after every redrive.
        await().atMost(LONG_ENOUGH).until(() -> ledger.read("r-b1").state() == LedgerEntry.State.DONE
                && tasks.depth().total() == 0);
        assertThat(runs.get(1L)).hasValue(1);
        assertThat(dead.depth().total()).isZero();
    }

    @Test
    void replyQueueDeletedAfterTheWorkerPostedToIt_laterBundlesAreCompletedNotLooped() throws Exception {
        start(config());
        submit("r-b1", aTask().withId(1).ofType("count").build());
        assertThat(awaitResults(1)).containsKey(1L);

        queues.delete(REPLY);
        submit("r-b2", aTask().withId(2).ofType("count").build());

        await().atMost(LONG_ENOUGH).until(() -> ledger.read("r-b2").state() == LedgerEntry.State.DONE
                && tasks.depth().total() == 0);
        assertThat(runs.get(2L)).hasValue(1);
    }

    @Test
    void bundleHeldByAnotherLiveLease_isLeftAloneUntilThatLeaseExpires() throws Exception {
        ledger.claim(new LeaseRequest("r-b1", "other/9/x", clock.instant().plus(Duration.ofMinutes(5))));
        start(config());
        submit("r-b1", aTask().withId(1).ofType("count").build());
        await().atMost(LONG_ENOUGH).until(() -> tasks.depth().inFlight() == 1);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> runs.isEmpty());

        clock.advance(Duration.ofMinutes(6));
        assertThat(awaitResults(1).get(1L).succeeded()).isTrue();
        assertThat(runs.get(1L)).hasValue(1);
    }

    @Test
    void start_twice_isRefused() {
        Worker w = start(config());

        assertThatThrownBy(w::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    }
}
