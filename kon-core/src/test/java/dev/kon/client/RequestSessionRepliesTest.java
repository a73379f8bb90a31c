package dev.kon.client;

import static dev.kon.fixture.ResultBuilder.aResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.fixture.TextOnlyQueueService;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a session matches results to calls, with the test playing the worker: it takes the bundles off the task queue
 * and posts the results it chooses, late, twice or for tasks never sent.
 */
class RequestSessionRepliesTest {
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofMillis(100);
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final TextOnlyQueueService queues = new TextOnlyQueueService(new InMemoryQueueService());
    private final Backend backend = new Backend(queues, new InMemoryExecutionLedger(Clock.systemUTC()), blobs);
    private final TaskQueue taskQueue = queues.create(QueueSpec.of("tasks"));
    private final RequestSession session = RequestSession.open(backend, "tasks");
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void closeTheSession() {
        session.close();
        callers.shutdownNow();
    }

    /** The next bundle a call sent, taken off the task queue as a worker takes it. */
    private TaskBundle takeBundle() {
        List<QueueMessage> got = List.of();
        long deadline = System.nanoTime() + LONG_ENOUGH.toNanos();
        while (got.isEmpty() && System.nanoTime() < deadline) {
            got = taskQueue.receive(1, Duration.ofSeconds(1));
        }
        assertThat(got).as("a bundle on the task queue").hasSize(1);
        taskQueue.acknowledge(got);
        return WireCodec.decodeBundle(got.get(0).body());
    }

    /** Posts one result for the bundle's run, as a worker does, and waits until the session has taken it. */
    private void reply(TaskBundle bundle, long taskId, String output) {
        TaskQueue replies = queues.open(bundle.replyQueue());
        TaskResult r = aResult().forTask(taskId).withOutput(output).build();
        assertThat(replies.send(List.of(WireCodec.encodeResults(new ResultBatch(bundle.run(), List.of(r)))))
                .allOk()).isTrue();
        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 0);
    }

    private Future<Map<Long, TaskResult>> callInBackground(List<Task> tasks, RunListener listener) {
        return callers.submit(() -> session.call(tasks, LONG_ENOUGH, listener));
    }

    @Test
    void call_afterACallTimedOut_neverGetsTheLateResultOfThatCall() throws Exception {
        assertThat(session.callOne(new Task(1, "echo", "first"), SHORT)).isNull();
        TaskBundle late = takeBundle();
        Future<Map<Long, TaskResult>> second = callInBackground(List.of(new Task(1, "echo", "second")),
                new RunListener() { });
        TaskBundle current = takeBundle();
        assertThat(current.run()).isNotEqualTo(late.run()).startsWith(session.id() + "-");
        assertThat(current.replyQueue()).isEqualTo(late.replyQueue()).isEqualTo(session.replyQueue());

        // Taken by the session before the right answer is even sent: were it handed over, it would be the answer.
        reply(late, 1, "late answer to the first call");
        reply(current, 1, "second");

        assertThat(second.get(30, TimeUnit.SECONDS).get(1L).output()).isEqualTo("second");
    }

    @Test
    void call_whenAResultComesTwiceOrForATaskNotSent_handsOverEachOfItsTasksOnce() throws Exception {
        AtomicReference<CollectStats> last = new AtomicReference<>();
        Future<Map<Long, TaskResult>> call = callInBackground(List.of(new Task(1, "echo", "a"),
                new Task(2, "echo", "b")), new RunListener() {
                    @Override
                    public void progress(CollectStats stats) {
                        last.set(stats);
                    }
                });
        TaskBundle bundle = takeBundle();
        TaskBundle other = takeBundle();
        assertThat(other.run()).as("one run, a bundle per task").isEqualTo(bundle.run());

        reply(bundle, 1, "first");
        reply(bundle, 1, "again");
        reply(bundle, 99, "never sent");
        reply(bundle, 2, "two");

        Map<Long, TaskResult> results = call.get(30, TimeUnit.SECONDS);
        assertThat(results).containsOnlyKeys(1L, 2L);
        assertThat(results.get(1L).output()).isEqualTo("first");
        assertThat(results.get(2L).output()).isEqualTo("two");
        assertThat(last.get()).isEqualTo(new CollectStats(2, 2, 2, 0, 1));
    }

    @Test
    void close_whileACallWaits_wakesItWithTheResultsItHasAndDeletesTheReplyQueue() throws Exception {
        Future<Map<Long, TaskResult>> call = callInBackground(List.of(new Task(1, "echo", "a"),
                new Task(2, "echo", "b")), new RunListener() { });
        TaskBundle bundle = takeBundle();
        reply(bundle, 1, "one");

        session.close();

        Map<Long, TaskResult> results = call.get(10, TimeUnit.SECONDS);
        assertThat(results).containsOnlyKeys(1L);
        assertThat(queues.find(session.replyQueue())).isEmpty();
    }

    @Test
    void close_deletesTheSpilledTaskBodiesOfCallsThatTimedOut() throws Exception {
        assertThat(session.callOne(new Task(1, "echo", dev.kon.fixture.Incompressible.text(300_000, 1)), SHORT)).isNull();
        assertThat(blobs.keys()).filteredOn(k -> k.startsWith("bodies/")).hasSize(1);

        session.close();

        assertThat(blobs.keys()).filteredOn(k -> k.startsWith("bodies/")).isEmpty();
    }

    @Test
    void call_afterUnreadableReplyMessages_isAnsweredAsUsual_andTheyAreKeptOnTheDeadLetterQueue() throws Exception {
        TaskQueue dead = queues.create(QueueSpec.of(QueueSpec.deadLetterQueueOf("tasks")));
        TaskQueue replies = queues.open(session.replyQueue());
        String deep = "{\"v\":1,\"run\":\"r\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        replies.send(List.of("not a result", WireCodec.encodePointer("bodies/gone.json"), deep));
        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 0 && dead.depth().total() == 3);

        Future<Map<Long, TaskResult>> call = callInBackground(List.of(new Task(1, "echo", "a")),
                new RunListener() { });
        reply(takeBundle(), 1, "fine");

        assertThat(call.get(30, TimeUnit.SECONDS).get(1L).output()).isEqualTo("fine");
    }
}
