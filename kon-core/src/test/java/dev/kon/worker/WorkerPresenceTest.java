package dev.kon.worker;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.runs.InMemoryRunRegistry;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import dev.kon.workers.InMemoryWorkerRegistry;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import dev.kon.workers.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's record in the worker registry over its life: running, draining, stopped, or silent after a kill. */
class WorkerPresenceTest {
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(20);
    private static final Duration BEAT = Duration.ofMillis(100);
    private final Clock clock = Clock.systemUTC();
    private final InMemoryQueueService queues = new InMemoryQueueService(clock);
    private final InMemoryRunRegistry runs = new InMemoryRunRegistry();
    private final InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry();
    private final TaskQueue tasks = queues.create(QueueSpec.of("tasks").withVisibilityTimeout(Duration.ofSeconds(30)));
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private Worker worker;

    private final TaskHandler held = new TaskHandler() {
        @Override
        public String type() {
            return "held";
        }

        @Override
        public String handle(Task task, TaskContext ctx) throws Exception {
            started.countDown();
            assertThat(release.await(1, TimeUnit.MINUTES)).isTrue();
            return "ok";
        }
    };

    @AfterEach
    void kill() {
        release.countDown();
        if (worker != null) {
            worker.kill();
        }
    }

    private Worker start(WorkerRegistry workers) {
        Backend backend = new Backend(queues, new InMemoryExecutionLedger(clock, runs), new InMemoryBlobStore(), runs,
                workers);
        worker = new Worker(WorkerConfig.defaults("tasks").withThreads(2).withPollWait(Duration.ofMillis(100))
                .withHeartbeat(BEAT), backend, TaskHandlers.of(held), clock, "host-a/42/w1").start();
        return worker;
    }

    private void submit(String run) {
        queues.create(QueueSpec.of("replies"));
        String body = WireCodec.encodeBundle(new TaskBundle(run, run + "-b1", "replies",
                List.of(aTask().withId(1).ofType("held").build())));
        assertThat(tasks.send(List.of(body)).allOk()).isTrue();
    }

    private Optional<WorkerRecord> record() {
        return registry.find("host-a/42/w1");
    }

    @Test
    void aRunningWorker_beatsWhoItIsAndTheRunsItHolds_drainsOnStop_andSaysStoppedWhenDone() throws Exception {
        start(registry);
        submit("R1");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(LONG_ENOUGH).until(() -> record().map(w -> w.runs().equals(List.of("R1"))).orElse(false));
        WorkerRecord running = record().orElseThrow();
        assertThat(running.status()).isEqualTo(WorkerStatus.RUNNING);
        assertThat(running).extracting(WorkerRecord::threads, WorkerRecord::queue, WorkerRecord::pid,
                WorkerRecord::version).containsExactly(2, "tasks", ProcessHandle.current().pid(),
                WorkerIdentity.VERSION);
        assertThat(running.host()).isEqualTo(WorkerIdentity.host());
        // A record is written every period, not only when something changes.
        await().atMost(LONG_ENOUGH).until(() -> record().orElseThrow().lastSeen().isAfter(running.lastSeen()));

        worker.beginStop();
        await().atMost(LONG_ENOUGH).until(() -> record().orElseThrow().status() == WorkerStatus.DRAINING);
        assertThat(record().orElseThrow().runs()).containsExactly("R1");
        release.countDown();

        assertThat(worker.awaitTermination(LONG_ENOUGH)).isTrue();
        WorkerRecord stopped = record().orElseThrow();
        assertThat(stopped.status()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(stopped.tasksDone()).isEqualTo(1);
        assertThat(stopped.runs()).isEmpty();
        assertThat(stopped.started()).isEqualTo(running.started());
        assertThat(stopped.liveAt(clock.instant())).isFalse();
    }

    @Test
    void aKilledWorker_writesNoLastRecord_andIsLostOnceItsLastBeatIsOld() {
        start(registry);
        await().atMost(LONG_ENOUGH).until(() -> record().isPresent());

        worker.kill();
        WorkerRecord last = record().orElseThrow();

        await().during(BEAT.multipliedBy(5)).atMost(LONG_ENOUGH).until(() -> record().orElseThrow().equals(last));
        assertThat(last.status()).isEqualTo(WorkerStatus.RUNNING);
        assertThat(last.lostAt(last.lastSeen().plusSeconds(31), WorkerRegistry.LOST_AFTER)).isTrue();
    }

    @Test
    void aRegistryThatFails_neverStopsTheWorkerOrItsHeartbeat() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WorkerRegistry failing = new WorkerRegistry() {
            @Override
            public Optional<WorkerRecord> find(String workerId) {
                return registry.find(workerId);
            }

            @Override
            public List<WorkerRecord> all() {
                return registry.all();
            }

            @Override
            public void heartbeat(WorkerRecord w) {
                int n = calls.incrementAndGet();
                if (n == 1) {
                    throw new IllegalStateException("registry down");
                }
                if (n == 2) {
                    throw new AssertionError("a defect in an adapter");
                }
                registry.heartbeat(w);
            }
        };
        start(failing);
        submit("R2");

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(LONG_ENOUGH).until(() -> record().isPresent());
        assertThat(calls.get()).isGreaterThan(2);
        assertThat(worker.failure()).isEmpty();
        release.countDown();
        await().atMost(LONG_ENOUGH).until(() -> record().orElseThrow().tasksDone() == 1);
    }
}
