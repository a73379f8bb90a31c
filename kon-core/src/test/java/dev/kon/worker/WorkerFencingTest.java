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
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a worker stops work it may no longer do: a lease lost to another worker, a lease that ran out because it
 * could not be renewed, a task past its time limit, and a task that will not stop at all. Real time with a short
 * lease: the worker measures its leases on the monotonic clock, as it must to notice a freeze.
 */
class WorkerFencingTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(20);
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final InMemoryQueueService queues = new InMemoryQueueService(clock);
    private final InMemoryExecutionLedger memory = new InMemoryExecutionLedger(clock);
    private final CountDownLatch renewalsHang = new CountDownLatch(1);
    private volatile boolean hangRenewals;
    private final ExecutionLedger ledger = new ExecutionLedger() {
        @Override
        public Claim claim(LeaseRequest request) {
            return memory.claim(request);
        }

        @Override
        public boolean renew(HeldClaim held, Instant leaseUntil) {
            if (hangRenewals) {
                // A backend that does not answer: the heartbeat thread is stuck here.
                try {
                    renewalsHang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicLong startedNanos = new AtomicLong();
    private final AtomicLong interruptedNanos = new AtomicLong();
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseSpinner = new CountDownLatch(1);
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicInteger limitsAsked = new AtomicInteger();

    /** Waits until interrupted, and notes when it started and when it was interrupted. */
    private final TaskHandler waiting = new TaskHandler() {
        @Override
        public String type() {
            return "wait";
        }

        @Override
        public String handle(Task task, TaskContext ctx) throws Exception {
            attempts.add(ctx.attempt());
            startedNanos.set(System.nanoTime());
            started.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                return "slept";
            } catch (InterruptedException e) {
                interruptedNanos.set(System.nanoTime());
                throw e;
            }
        }

        @Override
        public Duration timeLimit(String args) {
            limitsAsked.incrementAndGet();
            // "wait 0" (the builder's default) runs under the default limit; "wait N" under N ms.
            long ms = Long.parseLong(args.strip());
            return ms == 0 ? DEFAULT_TIME_LIMIT : Duration.ofMillis(ms);
        }
    };

    /** Ignores interrupts, as a handler stuck in a call that cannot be interrupted does. */
    private final TaskHandler spinning = new TaskHandler() {
        @Override
        public String type() {
            return "spin";
        }

        @Override
        public String handle(Task task, TaskContext ctx) {
            started.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                try {
                    if (releaseSpinner.await(50, TimeUnit.MILLISECONDS)) {
                        return "released";
                    }
                } catch (InterruptedException ignored) {
                    // deliberately ignored
                }
            }
            return "spun";
        }

        @Override
        public Duration timeLimit(String args) {
            return Duration.ofMillis(200);
        }
    };

    @AfterEach
    void stop() {
        renewalsHang.countDown();
        releaseSpinner.countDown();
        workers.forEach(Worker::kill);
    }

    private Worker start(WorkerConfig cfg) {
        Worker w = new Worker(cfg, backend, TaskHandlers.of(waiting, spinning), clock, "test/1/w" + workers.size());
        workers.add(w);
        return w.start();
    }

    private WorkerConfig config() {
        return WorkerConfig.defaults("tasks").withPollWait(Duration.ofMillis(100)).withLease(LEASE)
                .withRetries(1, Duration.ZERO);
    }

    private void submit(Task... bundle) {
        String body = WireCodec.encodeBundle(new TaskBundle("r", "r-b1", "replies", List.of(bundle)));
        assertThat(tasks.send(List.of(body)).allOk()).isTrue();
    }

    private void awaitInterrupted() {
        await().atMost(LONG_ENOUGH).until(() -> interruptedNanos.get() != 0);
    }

    @Test
    void leaseLostToAnotherWorker_interruptsTheRunningTaskWithinASecond_andPostsNothing() throws Exception {
        Worker w = start(config());
        submit(aTask().withId(1).ofType("wait").build());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(attempts).containsExactly(1L);

        // The lease runs out by the ledger's clock and another worker claims the bundle.
        clock.advance(LEASE.plusSeconds(1));
        assertThat(memory.claim(new LeaseRequest("r-b1", "other/2/x", clock.instant().plus(LEASE))))
                .isEqualTo(Claim.claimed(2));
        long takenOver = System.nanoTime();

        awaitInterrupted();
        // The heartbeat beats every third of the lease (1 s), and the interrupt follows at once.
        assertThat(Duration.ofNanos(interruptedNanos.get() - takenOver)).isLessThan(
                LEASE.dividedBy(3).plusSeconds(1));
        await().atMost(LONG_ENOUGH).until(() -> w.tasksGivenUp() == 1);
        assertThat(w.tasksRun()).isZero();
        assertThat(replies.depth().total()).isZero();
        assertThat(memory.read("r-b1").owner()).isEqualTo("other/2/x");
    }

    @Test
    void leaseThatCannotBeRenewed_stopsTheTaskWhenItRunsOut_evenWithTheHeartbeatStuck() throws Exception {
        hangRenewals = true;
        Worker w = start(config());
        submit(aTask().withId(1).ofType("wait").build());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        awaitInterrupted();

        // Claimed just before the task started: the lease ends at most a little before LEASE after the start,
        // and the fence (every 100 ms) stops the task within a second of that.
        Duration ran = Duration.ofNanos(interruptedNanos.get() - startedNanos.get());
        assertThat(ran).isLessThan(LEASE.plusSeconds(1)).isGreaterThan(LEASE.minusSeconds(1));
        await().atMost(LONG_ENOUGH).until(() -> w.tasksGivenUp() == 1);
        assertThat(replies.depth().total()).isZero();
        assertThat(w.failure()).isEmpty();
    }

    @Test
    void taskPastItsTimeLimit_isInterruptedAndReportedTimedOut_andRetriedLikeAnyFailure() throws Exception {
        start(config().withRetries(2, Duration.ZERO));
        submit(aTask().withId(1).ofType("wait").withArgs("300").build());

        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 1);
        var got = replies.receive(1, Duration.ZERO);
        var result = WireCodec.decodeResults(got.get(0).body()).results().get(0);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).isEqualTo("timed out after 300ms (after 2 attempts)");
        // The second attempt's start to its interrupt: the limit, give or take the fence's 100 ms tick.
        assertThat(Duration.ofNanos(interruptedNanos.get() - startedNanos.get()))
                .isBetween(Duration.ofMillis(300), Duration.ofMillis(1000));
    }

    @Test
    void runTimeLimit_replacesTheTaskTypesOwn() throws Exception {
        start(config());
        String body = WireCodec.encodeBundle(new TaskBundle("r", "r-b1", "replies",
                List.of(aTask().withId(1).ofType("wait").build()), Duration.ofMillis(400)));
        assertThat(tasks.send(List.of(body)).allOk()).isTrue();

        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 1);
        var result = WireCodec.decodeResults(replies.receive(1, Duration.ZERO).get(0).body()).results().get(0);
        assertThat(result.output()).isEqualTo("timed out after 400ms");
    }

    @Test
    void taskThatIgnoresBeingStopped_failsTheWorkerAfterTheGrace_soItsOwnerCanReplaceIt() throws Exception {
        List<WorkerFailedException> told = new CopyOnWriteArrayList<>();
        Worker w = new Worker(config(), backend, TaskHandlers.of(waiting, spinning), clock, "test/1/spin");
        workers.add(w);
        w.onFailure(told::add).start();
        submit(aTask().withId(1).ofType("spin").build());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();

        await().atMost(LONG_ENOUGH).until(() -> !told.isEmpty());

        // Timed out after 200 ms, then one lease (3 s) of grace.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Worker.stuckGrace(config()),
                Worker.stuckGrace(config()).plusSeconds(2));
        assertThat(told.get(0)).hasMessageContaining("has not stopped").hasMessageContaining("timed out");
        assertThat(w.failure()).isPresent();
        assertThat(replies.depth().total()).isZero();
    }

    @Test
    void tasksInARowWithTheSameArguments_askTheirLimitOnce_andEachRunsUnderItsOwn() throws Exception {
        start(config().withThreads(1));
        submit(aTask().withId(1).ofType("wait").withArgs("200").build(),
                aTask().withId(2).ofType("wait").withArgs("200").build(),
                aTask().withId(3).ofType("wait").withArgs("300").build(),
                aTask().withId(4).ofType("wait").withArgs("200").build());

        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 1);
        var results = WireCodec.decodeResults(replies.receive(1, Duration.ZERO).get(0).body()).results();
        assertThat(results).extracting(r -> r.taskId() + " " + r.output()).containsExactly(
                "1 timed out after 200ms", "2 timed out after 200ms", "3 timed out after 300ms",
                "4 timed out after 200ms");
        assertThat(limitsAsked).hasValue(3);
    }
}
