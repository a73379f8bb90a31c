package dev.kon.worker;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.fixture.MutableClock;
import dev.kon.ledger.Claim;
import dev.kon.ledger.Completion;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.HeldClaim;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.ledger.LeaseRequest;
import dev.kon.ledger.LedgerEntry;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import dev.kon.worker.WorkerEvents.LeaseLoss;
import dev.kon.worker.WorkerEvents.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a worker on in-memory adapters tells its {@link WorkerEvents} listener. */
class WorkerEventsTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(20);
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final InMemoryQueueService queues = new InMemoryQueueService(clock);
    private final InMemoryExecutionLedger memory = new InMemoryExecutionLedger(clock);
    private volatile boolean renewalsFail;
    private final ExecutionLedger ledger = new ExecutionLedger() {
        @Override
        public Claim claim(LeaseRequest request) {
            return memory.claim(request);
        }

        @Override
        public boolean renew(HeldClaim held, Instant leaseUntil) {
            if (renewalsFail) {
                throw new IllegalStateException("the ledger cannot be reached");
            }
            return memory.renew(held, leaseUntil);
        }

        @Override
        public boolean completeIfOwnedBy(Completion done, Instant keepUntil) {
            return memory.completeIfOwnedBy(done, keepUntil);
        }

        @Override
        public LedgerEntry read(String key) {
            return memory.read(key);
        }
    };
    private final Backend backend = new Backend(queues, ledger, new InMemoryBlobStore());
    private final TaskQueue tasks = queues.create(QueueSpec.of("tasks").withVisibilityTimeout(LEASE));
    private final TaskQueue replies = queues.create(QueueSpec.of("replies"));
    private final CountDownLatch waitStarted = new CountDownLatch(1);
    private final Recorder heard = new Recorder();
    private final List<Worker> workers = new ArrayList<>();

    private final TaskHandlers handlers = TaskHandlers.of(
            handler("echo", (t, ctx) -> t.args()),
            handler("boom", (t, ctx) -> {
                // Takes a known while, so the reported duration can be checked against it.
                Thread.sleep(Long.parseLong(t.args()));
                throw new PermanentTaskFailure("boom");
            }),
            handler("wait", (t, ctx) -> {
                waitStarted.countDown();
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                return "slept";
            }));

    /** Every event, as a line: {@code task echo SUCCEEDED}, {@code lost TAKEN_OVER}, ... */
    private static final class Recorder implements WorkerEvents {
        final List<String> tasks = new CopyOnWriteArrayList<>();
        final List<Long> taskNanos = new CopyOnWriteArrayList<>();
        final List<Long> waits = new CopyOnWriteArrayList<>();
        final List<LeaseLoss> lost = new CopyOnWriteArrayList<>();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger receiveCalls = new AtomicInteger();
        final AtomicInteger claimed = new AtomicInteger();
        final AtomicInteger renewed = new AtomicInteger();

        @Override
        public void received(int messages, long latencyNanos) {
            assertThat(latencyNanos).isNotNegative();
            receiveCalls.incrementAndGet();
            received.addAndGet(messages);
        }

        @Override
        public void waited(long millis) {
            waits.add(millis);
        }

        @Override
        public void bundlesClaimed(int bundles) {
            claimed.addAndGet(bundles);
        }

        @Override
        public void taskFinished(String type, Outcome outcome, long durationNanos) {
            tasks.add(type + " " + outcome);
            if (type.equals("boom")) {
                taskNanos.add(durationNanos);
            }
        }

        @Override
        public void leaseRenewed() {
            renewed.incrementAndGet();
        }

        @Override
        public void leaseLost(LeaseLoss why) {
            lost.add(why);
        }
    }

    private interface Body {
        String run(Task t, TaskContext ctx) throws Exception;
    }

    private static TaskHandler handler(String type, Body body) {
        return new TaskHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String handle(Task task, TaskContext ctx) throws Exception {
                return body.run(task, ctx);
            }
        };
    }

    @AfterEach
    void stop() {
        workers.forEach(Worker::kill);
    }

    private Worker start(WorkerEvents events) {
        WorkerConfig cfg = WorkerConfig.defaults("tasks").withPollWait(Duration.ofMillis(100)).withLease(LEASE)
                .withRetries(1, Duration.ZERO).withThreads(2);
        Worker w = new Worker(cfg, backend, handlers, clock, "test/1/w" + workers.size(), events);
        workers.add(w);
        return w.start();
    }

    private static TaskBundle bundle(String id, Task... tasks) {
        return new TaskBundle("r", id, "replies", List.of(tasks));
    }

    @Test
    void tasksOfTwoTypes_oneFailing_areCountedByTypeAndOutcome_withClaimsReceivesAndQueueWaits() {
        // One bundle as text (as from SQS), one as an object (as `kon run` sends it): both say when they were sent.
        assertThat(tasks.send(List.of(WireCodec.encodeBundle(bundle("r-b1", aTask().withId(1).ofType("echo").build(),
                aTask().withId(2).ofType("echo").build(), aTask().withId(3).ofType("echo").build())))).allOk())
                .isTrue();
        assertThat(tasks.sendObjects(List.of(bundle("r-b2", aTask().withId(4).ofType("boom").withArgs("50").build(),
                aTask().withId(5).ofType("boom").withArgs("50").build())), WireCodec::encodeBundle).allOk()).isTrue();
        clock.advance(Duration.ofSeconds(7));

        start(heard);

        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 2);
        assertThat(heard.tasks).containsExactlyInAnyOrder("echo SUCCEEDED", "echo SUCCEEDED", "echo SUCCEEDED",
                "boom FAILED", "boom FAILED");
        assertThat(heard.taskNanos).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(50)));
        assertThat(heard.claimed).hasValue(2);
        assertThat(heard.received).hasValue(2);
        assertThat(heard.receiveCalls.get()).isGreaterThanOrEqualTo(1);
        // The worker's clock stands still in this test: the wait is exactly how far it was moved.
        assertThat(heard.waits).containsExactly(7000L, 7000L);
        assertThat(heard.lost).isEmpty();
    }

    @Test
    void leaseTakenOverByAnotherWorker_isReportedLostOnce_andItsRunningTaskCancelled() {
        start(heard);
        assertThat(tasks.send(List.of(WireCodec.encodeBundle(bundle("r-b1", aTask().withId(1).ofType("wait")
                .build())))).allOk()).isTrue();
        await().atMost(LONG_ENOUGH).until(() -> waitStarted.getCount() == 0 && heard.renewed.get() >= 1);

        // The lease runs out by the ledger's clock and another worker claims the bundle.
        clock.advance(LEASE.plusSeconds(1));
        assertThat(memory.claim(new LeaseRequest("r-b1", "other/2/x", clock.instant().plus(LEASE))).outcome())
                .isEqualTo(Claim.claimed(2).outcome());

        await().atMost(LONG_ENOUGH).until(() -> heard.tasks.contains("wait CANCELLED"));
        assertThat(heard.lost).containsExactly(LeaseLoss.TAKEN_OVER);
        assertThat(heard.tasks).containsExactly("wait CANCELLED");
    }

    @Test
    void leaseThatCannotBeRenewed_isReportedRunOut() {
        renewalsFail = true;
        start(heard);
        assertThat(tasks.send(List.of(WireCodec.encodeBundle(bundle("r-b1", aTask().withId(1).ofType("wait")
                .build())))).allOk()).isTrue();

        await().atMost(LONG_ENOUGH).until(() -> heard.tasks.contains("wait CANCELLED"));
        assertThat(heard.lost).containsExactly(LeaseLoss.RAN_OUT);
        assertThat(heard.renewed).hasValue(0);
    }

    @Test
    void listenerThatThrows_changesNothingTheWorkerDoes() {
        AtomicInteger calls = new AtomicInteger();
        WorkerEvents broken = new WorkerEvents() {
            @Override
            public void taskFinished(String type, Outcome outcome, long durationNanos) {
                calls.incrementAndGet();
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void received(int messages, long latencyNanos) {
                throw new IllegalStateException("broken listener");
            }
        };
        Worker w = start(broken);
        assertThat(tasks.send(List.of(WireCodec.encodeBundle(bundle("r-b1", aTask().withId(1).ofType("echo").build(),
                aTask().withId(2).ofType("echo").build())))).allOk()).isTrue();

        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 1);
        assertThat(calls).hasValue(2);
        assertThat(w.tasksRun()).isEqualTo(2);
        assertThat(w.tasksGivenUp()).isZero();
        assertThat(w.failure()).isEmpty();
    }
}
