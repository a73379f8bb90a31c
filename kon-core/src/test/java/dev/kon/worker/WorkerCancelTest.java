package dev.kon.worker;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.fixture.MutableClock;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.ledger.LedgerEntry;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.runs.InMemoryRunRegistry;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run cancelled in the registry: its running tasks stop, its later bundles are answered without running. */
class WorkerCancelTest {
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(20);
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final InMemoryQueueService queues = new InMemoryQueueService(clock);
    private final InMemoryRunRegistry runs = new InMemoryRunRegistry();
    private final InMemoryExecutionLedger ledger = new InMemoryExecutionLedger(clock, runs);
    private final Backend backend = new Backend(queues, ledger, new InMemoryBlobStore(), runs);
    private final TaskQueue tasks = queues.create(QueueSpec.of("tasks").withVisibilityTimeout(Duration.ofSeconds(30)));
    private final TaskQueue replies = queues.create(QueueSpec.of("replies"));
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger starts = new AtomicInteger();
    private Worker worker;

    private final TaskHandler waiting = new TaskHandler() {
        @Override
        public String type() {
            return "wait";
        }

        @Override
        public String handle(Task task, TaskContext ctx) throws Exception {
            starts.incrementAndGet();
            started.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            return "slept";
        }
    };

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.kill();
        }
    }

    private void submit(String bundleId, Task task) {
        String body = WireCodec.encodeBundle(new TaskBundle("R", bundleId, "replies", List.of(task)));
        assertThat(tasks.send(List.of(body)).allOk()).isTrue();
    }

    private List<TaskResult> results(int n) {
        List<TaskResult> out = new ArrayList<>();
        await().atMost(LONG_ENOUGH).until(() -> {
            List<QueueMessage> got = replies.receive(10, Duration.ofMillis(100));
            for (QueueMessage m : got) {
                out.addAll(WireCodec.decodeResults(m.body()).results());
            }
            replies.acknowledge(got);
            return out.size() >= n;
        });
        return out;
    }

    @Test
    void cancelledRun_stopsItsRunningTask_reportsItCancelled_andAnswersItsLaterBundlesWithoutRunning()
            throws Exception {
        runs.register(RunRecord.submitting("R", clock.instant(), "h", "w.txt", "tasks", 2, -1));
        runs.submitted("R", 2, 2, true);
        worker = new Worker(WorkerConfig.defaults("tasks").withPollWait(Duration.ofMillis(100)), backend,
                TaskHandlers.of(waiting), clock, "test/1/w").start();
        submit("R-b1", aTask().withId(1).ofType("wait").build());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(runs.move("R", RunState.RUNNING, RunState.CANCELLED, clock.instant())).isTrue();
        long cancelledAt = System.nanoTime();

        TaskResult first = results(1).get(0);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(
                Duration.ofMillis(RunWatch.EVERY_MILLIS).plusSeconds(2));
        assertThat(first.succeeded()).isFalse();
        assertThat(first.output()).isEqualTo("cancelled: the run was cancelled");
        await().atMost(LONG_ENOUGH).until(() -> tasks.depth().total() == 0);
        assertThat(ledger.read("R-b1").state()).isEqualTo(LedgerEntry.State.DONE);

        submit("R-b2", aTask().withId(2).ofType("wait").build());

        TaskResult second = results(1).get(0);
        assertThat(second.taskId()).isEqualTo(2);
        assertThat(second.output()).isEqualTo("cancelled: the run was cancelled");
        assertThat(starts).hasValue(1);
        await().atMost(LONG_ENOUGH).until(() -> runs.find("R").orElseThrow().done() == 2);
        assertThat(runs.find("R").orElseThrow()).extracting(RunRecord::failed, RunRecord::state)
                .containsExactly(2L, RunState.CANCELLED);
    }
}
