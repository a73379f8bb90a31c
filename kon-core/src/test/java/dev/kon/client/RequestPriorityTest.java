package dev.kon.client;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.fixture.EchoHandler;
import dev.kon.fixture.TextOnlyQueueService;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.SleepHandler;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interactive before bulk: a request is answered while a bulk run keeps every executor thread of the worker busy,
 * because requests go to the task queue's priority queue and a worker keeps a thread for that queue. Without a
 * priority queue (a deployment provisioned before there was one) the same request waits behind the bulk run.
 */
class RequestPriorityTest {
    private static final int THREADS = 2;
    /** 20 bundles of 5 x 200 ms: 10 s of work for two threads, far longer than a request may wait. */
    private static final int BULK_BUNDLES = 20;
    private final QueueService queues = new TextOnlyQueueService(new InMemoryQueueService());
    private final Backend backend =
            new Backend(queues, new InMemoryExecutionLedger(Clock.systemUTC()), new InMemoryBlobStore());
    private Worker worker;

    @AfterEach
    void killTheWorker() {
        if (worker != null) {
            worker.kill();
        }
    }

    @Test
    void request_whileABulkRunKeepsEveryThreadBusy_isAnsweredBeforeTheBulkRunEnds() throws Exception {
        queues.create(QueueSpec.of(QueueSpec.priorityQueueOf("tasks")));

        Duration waited = requestDuringBulkRun();

        assertThat(waited).isLessThan(Duration.ofSeconds(2));
        // The bulk run is still far from done: the request did not just come after it.
        assertThat(worker.tasksRun()).isLessThan(BULK_BUNDLES * 5L / 2);
    }

    @Test
    void request_withoutAPriorityQueue_waitsBehindTheBulkRun() throws Exception {
        Duration waited = requestDuringBulkRun();

        // The control: the same set-up without the priority queue, so the test above can fail.
        assertThat(waited).isGreaterThan(Duration.ofSeconds(3));
    }

    /** Starts a bulk run, waits until every thread is busy with it, then times one request's round trip. */
    private Duration requestDuringBulkRun() throws Exception {
        queues.create(QueueSpec.of("tasks-dead"));
        TaskQueue tasks = queues.create(QueueSpec.of("tasks"));
        TaskQueue bulkReplies = queues.create(QueueSpec.of("bulk-replies"));
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < BULK_BUNDLES; b++) {
            List<Task> sleeps = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sleeps.add(aTask().withId(b * 5L + i).ofType("sleep").withArgs("200").build());
            }
            bodies.add(WireCodec.encodeBundle(new TaskBundle("bulk", "bulk-b" + b, bulkReplies.name(), sleeps)));
        }
        for (int i = 0; i < bodies.size(); i += 10) {
            assertThat(tasks.send(bodies.subList(i, i + 10)).allOk()).isTrue();
        }
        worker = new Worker(WorkerConfig.defaults("tasks").withThreads(THREADS).withPollWait(Duration.ofMillis(200)),
                backend, TaskHandlers.of(new SleepHandler(), new EchoHandler()), Clock.systemUTC()).start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> worker.tasksRun() >= THREADS);

        try (RequestSession session = RequestSession.open(backend, "tasks")) {
            long t0 = System.nanoTime();
            TaskResult r = session.callOne(aTask().withId(1).ofType("echo").withArgs("now").build(),
                    Duration.ofSeconds(30));
            Duration waited = Duration.ofNanos(System.nanoTime() - t0);
            System.out.printf("request answered in %d ms during the bulk run%n", waited.toMillis());
            assertThat(r).isNotNull();
            assertThat(r.succeeded()).isTrue();
            return waited;
        }
    }
}
