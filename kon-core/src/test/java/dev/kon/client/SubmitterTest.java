package dev.kon.client;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.blob.InMemoryBlobStore;
import dev.kon.fixture.ScriptedTaskQueue;
import dev.kon.fixture.TextOnlyQueue;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueException;
import dev.kon.queue.QueueLimits;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SubmitterTest {
    private final InMemoryQueueService queues = new InMemoryQueueService();
    private final TaskQueue q = queues.create(QueueSpec.of("tasks"));
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final LargeBodies bodies = new LargeBodies(blobs, QueueLimits.SQS);
    private final RunSpec run = RunSpec.create("R", 10);

    /** Everything on the queue, received and acknowledged, as bundles. */
    private List<TaskBundle> drain(TaskQueue from) {
        List<TaskBundle> out = new ArrayList<>();
        List<QueueMessage> got;
        while (!(got = from.receive(10, Duration.ZERO)).isEmpty()) {
            for (QueueMessage m : got) {
                out.add(m.payload() instanceof TaskBundle b ? b : WireCodec.decodeBundle(bodies.resolve(m.body())));
            }
            from.acknowledge(got);
        }
        return out;
    }

    private static List<Long> taskIds(List<TaskBundle> bundles) {
        return bundles.stream().flatMap(b -> b.tasks().stream()).map(Task::id).sorted().toList();
    }

    @Test
    void submit_ofNTasks_packsThemIntoBundlesOfBundleSize() throws Exception {
        AtomicLong lastProgress = new AtomicLong();

        SubmitStats stats = new Submitter(q, bodies, 2, 0).submit(run, aTask().times(25).iterator(), lastProgress::set);

        assertThat(stats).isEqualTo(new SubmitStats(25, 3));
        assertThat(lastProgress).hasValue(25);
        List<TaskBundle> sent = drain(q);
        assertThat(sent).extracting(b -> b.tasks().size()).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(sent).extracting(TaskBundle::bundleId).containsExactlyInAnyOrder("R-b1", "R-b2", "R-b3");
        assertThat(sent).allSatisfy(b -> {
            assertThat(b.run()).isEqualTo("R");
            assertThat(b.replyQueue()).isEqualTo("kon-resp-R");
        });
        assertThat(taskIds(sent)).isEqualTo(aTask().times(25).stream().map(Task::id).toList());
    }

    @Test
    void submit_ofAnExactMultipleOfTheBundleSize_sendsNoEmptyBundle() throws Exception {
        SubmitStats stats = new Submitter(q, bodies, 1, 0).submit(run, aTask().times(1000).iterator(), n -> { });

        assertThat(stats).isEqualTo(new SubmitStats(1000, 100));
        assertThat(drain(q)).hasSize(100).allSatisfy(b -> assertThat(b.tasks()).hasSize(10));
    }

    @Test
    void submit_ofNoTasks_sendsNothing() throws Exception {
        SubmitStats stats = new Submitter(q, bodies, 1, 0).submit(run, List.<Task>of().iterator(), n -> { });

        assertThat(stats).isEqualTo(new SubmitStats(0, 0));
        assertThat(q.depth().total()).isZero();
    }

    @Test
    void submit_ofLargeTasks_keepsEachBundleWithinOneMessage() throws Exception {
        List<Task> tasks = aTask().ofType("echo").withArgs("a".repeat(100_000)).times(5);

        SubmitStats stats = new Submitter(q, bodies, 1, 0).submit(run, tasks.iterator(), n -> { });

        assertThat(stats).isEqualTo(new SubmitStats(5, 3));
        List<TaskBundle> sent = drain(q);
        assertThat(sent).allSatisfy(b -> assertThat(QueueLimits.utf8Length(WireCodec.encodeBundle(b)))
                .isLessThanOrEqualTo(QueueLimits.SQS.maxBodyBytes()));
        assertThat(taskIds(sent)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(blobs.keys()).isEmpty();
    }

    @Test
    void submit_ofOneHugeTaskToATextQueue_spillsItsBundleThroughTheBlobStore() throws Exception {
        TaskQueue remote = new TextOnlyQueue(q);
        Task huge = aTask().ofType("echo").withArgs(dev.kon.fixture.Incompressible.text(300_000, 1)).build();
        Submitter submitter = new Submitter(remote, bodies, 1, 0);

        SubmitStats stats = submitter.submit(run, List.of(huge).iterator(), n -> { });

        assertThat(stats).isEqualTo(new SubmitStats(1, 1));
        assertThat(submitter.spilledBodies()).containsExactly("bodies/R/R-b1.json");
        assertThat(blobs.keys()).containsExactly("bodies/R/R-b1.json");
        QueueMessage m = remote.receive(1, Duration.ZERO).get(0);
        assertThat(WireCodec.pointerKey(m.body())).isEqualTo("bodies/R/R-b1.json");
        assertThat(WireCodec.decodeBundle(bodies.resolve(m.body())).tasks()).containsExactly(huge);
    }

    @Test
    void submit_ofALargeRepetitiveBundleToATextQueue_sendsItDeflatedAndSpillsNothing() throws Exception {
        TaskQueue remote = new TextOnlyQueue(q);
        List<Task> tasks = new java.util.ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            tasks.add(aTask().withId(i).ofType("sleep").withArgs("0").build());
        }
        Submitter submitter = new Submitter(remote, bodies, 1, 0);

        submitter.submit(RunSpec.create("R", 1000), tasks.iterator(), n -> { });

        assertThat(submitter.spilledBodies()).isEmpty();
        assertThat(blobs.keys()).isEmpty();
        QueueMessage m = remote.receive(1, Duration.ZERO).get(0);
        assertThat(dev.kon.wire.DeflatedBodies.isDeflated(m.body())).isTrue();
        assertThat(WireCodec.decodeBundle(bodies.resolve(m.body())).tasks()).isEqualTo(tasks);
    }

    @Test
    void submit_ofOneHugeTaskToAnInProcessQueue_passesTheBundleWithoutEncodingIt() throws Exception {
        Task huge = aTask().ofType("echo").withArgs(dev.kon.fixture.Incompressible.text(400_000, 2)).build();
        Submitter submitter = new Submitter(q, bodies, 1, 0);

        submitter.submit(run, List.of(huge).iterator(), n -> { });

        assertThat(submitter.spilledBodies()).isEmpty();
        QueueMessage m = q.receive(1, Duration.ZERO).get(0);
        assertThat(((TaskBundle) m.payload()).tasks()).containsExactly(huge);
        // Asking for the text (as a worker reading text would) spills it then.
        assertThat(WireCodec.pointerKey(m.body())).isEqualTo("bodies/R/R-b1.json");
        assertThat(submitter.spilledBodies()).containsExactly("bodies/R/R-b1.json");
    }

    @Test
    void submit_withMaxWaiting_pausesWhileTheQueueIsFullAndGoesOnAsItDrains() throws Exception {
        int tasks = 200;
        RunSpec oneEach = RunSpec.create("R", 1);
        Submitter submitter = new Submitter(q, bodies, 1, 2);
        CompletableFuture<SubmitStats> submitting = CompletableFuture.supplyAsync(() -> {
            try {
                return submitter.submit(oneEach, aTask().times(tasks).iterator(), n -> { });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // Sends are in batches of 4 x 10 bundles; with at most two in flight, the queue never holds more than 80.
        await().atMost(Duration.ofSeconds(10)).until(() -> q.depth().visible() >= 40);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> !submitting.isDone() && q.depth().visible() <= 80);

        List<TaskBundle> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < tasks && System.nanoTime() < deadline) {
            List<QueueMessage> got = q.receive(10, Duration.ofMillis(200));
            got.forEach(m -> received.add((TaskBundle) m.payload()));
            if (!got.isEmpty()) {
                q.acknowledge(got);
            }
        }

        assertThat(submitting.get(10, TimeUnit.SECONDS)).isEqualTo(new SubmitStats(tasks, tasks));
        assertThat(taskIds(received)).hasSize(tasks).doesNotHaveDuplicates();
    }

    @Test
    void submit_whenTheQueueCannotTakeABatch_throwsQueueException() {
        ScriptedTaskQueue broken = new ScriptedTaskQueue(QueueLimits.SQS).unreachable();

        assertThatThrownBy(() -> new Submitter(broken, bodies, 1, 0).submit(run, aTask().times(3).iterator(), n -> { }))
                .isInstanceOf(QueueException.class)
                .hasMessageContaining("could not send 1 bundle(s) of run R after retries");
    }

    @Test
    void submitter_withBadSendersOrMaxWaiting_isRefused() {
        assertThatThrownBy(() -> new Submitter(q, bodies, 0, 0)).hasMessage("senders must be >= 1, was 0");
        assertThatThrownBy(() -> new Submitter(q, bodies, 1, -1))
                .hasMessage("maxWaiting must be >= 0 messages, was -1");
    }

    @Test
    void submit_skippingBundles_sendsTheRestUnderTheSameIds_andConfirmsUpToTheEnd() throws Exception {
        List<TaskBundle> whole;
        new Submitter(q, bodies, 2, 0).submit(run, aTask().times(95).iterator(), n -> { });
        whole = drain(q);
        List<long[]> confirmed = new ArrayList<>();

        SubmitStats stats = new Submitter(q, bodies, 2, 0).submit(run, aTask().times(95).iterator(), 4, n -> { },
                (bundles, tasks) -> confirmed.add(new long[] {bundles, tasks}));

        List<TaskBundle> rest = drain(q);
        assertThat(stats).isEqualTo(new SubmitStats(95, 10));
        assertThat(rest).extracting(TaskBundle::bundleId).containsExactlyInAnyOrderElementsOf(
                whole.stream().map(TaskBundle::bundleId).filter(id -> Long.parseLong(id.substring(3)) > 4).toList());
        assertThat(taskIds(rest)).isEqualTo(taskIds(whole).subList(40, 95));
        assertThat(confirmed.get(0)).containsExactly(4, 0);
        assertThat(confirmed.get(confirmed.size() - 1)).containsExactly(10, 95);
        assertThat(confirmed).extracting(c -> c[0]).isSorted();
    }
}
