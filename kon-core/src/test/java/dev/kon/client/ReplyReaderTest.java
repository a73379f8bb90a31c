package dev.kon.client;

import static dev.kon.fixture.ResultBuilder.aResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.fixture.FlakyBlobStore;
import dev.kon.fixture.MutableClock;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueLimits;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run's reply queue read by a {@link ReplyReader} into one {@link ResultTally}, as {@link RunClient} does. */
class ReplyReaderTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(20);
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final InMemoryQueueService queues = new InMemoryQueueService(clock);
    private final TaskQueue replies = queues.create(QueueSpec.of("kon-resp-r").withVisibilityTimeout(VISIBILITY));
    private final FlakyBlobStore blobs = new FlakyBlobStore();
    private final TaskQueue dead = queues.create(QueueSpec.of("tasks-dead"));
    private DeadLetters deadLetters = new DeadLetters(queues, "tasks-dead");
    private final LargeBodies bodies = new LargeBodies(blobs, QueueLimits.SQS);
    private final List<TaskResult> heard = Collections.synchronizedList(new ArrayList<>());
    private final List<Collector> collectors = new ArrayList<>();

    /** A tally for run "r" and a reader of two threads feeding it. */
    private final class Collector {
        final ResultTally tally;
        final ReplyReader reader;

        Collector(long expected, Consumer<List<ResultBatch>> beforeAck) {
            tally = new ResultTally(expected, null, heard::add);
            reader = new ReplyReader(replies, bodies, deadLetters, run -> run.equals("r") ? tally : null, beforeAck,
                    2, Duration.ofMillis(200), Duration.ofMillis(50), "r-close", tally::abandon);
        }

        Collector start() {
            reader.start();
            return this;
        }

        boolean await(Duration d) throws InterruptedException {
            return tally.await(d);
        }

        CollectStats stats() {
            CollectStats s = tally.stats();
            return new CollectStats(s.expected(), s.distinct(), s.succeeded(), s.failed(), s.duplicates(),
                    reader.unreadable());
        }

        java.util.Optional<Throwable> failure() {
            return java.util.Optional.ofNullable(reader.failure());
        }

        void replay(ResultBatch b) {
            tally.take(b.results());
        }

        void close() {
            reader.close();
        }
    }

    @AfterEach
    void closeCollectors() {
        collectors.forEach(Collector::close);
    }

    private Collector collector(long expected, Consumer<List<ResultBatch>> beforeAck) {
        Collector c = new Collector(expected, beforeAck);
        collectors.add(c);
        return c;
    }

    private Collector collector(long expected) {
        return collector(expected, b -> { });
    }

    private static ResultBatch batchOf(long... ids) {
        return new ResultBatch("r", LongStream.of(ids).mapToObj(id -> aResult().forTask(id).build()).toList());
    }

    private void sendText(ResultBatch b) {
        assertThat(replies.send(List.of(WireCodec.encodeResults(b))).allOk()).isTrue();
    }

    private List<Long> heardIds() {
        synchronized (heard) {
            return heard.stream().map(TaskResult::taskId).sorted().toList();
        }
    }

    @Test
    void collector_withDuplicateResults_reportsEachTaskOnceAndCountsTheDuplicates() throws Exception {
        Collector c = collector(4).start();

        sendText(batchOf(1, 2, 3));
        sendText(batchOf(2, 3, 4));

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        assertThat(heardIds()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(c.stats()).isEqualTo(new CollectStats(4, 4, 4, 0, 2));
        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 0);
    }

    @Test
    void collector_countsSucceededAndFailedResults() throws Exception {
        Collector c = collector(3).start();

        sendText(new ResultBatch("r", List.of(aResult().forTask(1).build(), aResult().forTask(2).failed().build(),
                aResult().forTask(3).failed().build())));

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        assertThat(c.stats()).isEqualTo(new CollectStats(3, 3, 1, 2, 0));
    }

    @Test
    void collector_readsPayloadsTextsAndSpilledBodiesAlike() throws Exception {
        Collector c = collector(3).start();
        LargeBodies tiny = new LargeBodies(blobs, new QueueLimits(10, 1024));

        replies.sendObjects(List.of(batchOf(1)), WireCodec::encodeResults);
        sendText(batchOf(2));
        replies.send(List.of(tiny.spillIfLarge(WireCodec.encodeResults(new ResultBatch("r",
                List.of(aResult().forTask(3).withOutput(dev.kon.fixture.Incompressible.text(5000, 1)).build()))),
                "r/results-1")));

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        assertThat(heardIds()).containsExactly(1L, 2L, 3L);
        assertThat(heard).filteredOn(r -> r.taskId() == 3).singleElement()
                .extracting(TaskResult::output).asString().hasSize(5000);
    }

    @Test
    void collector_withIdsBeyondIntRange_dropsTheirDuplicatesToo() throws Exception {
        long[] ids = {0, 1, 65_000, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 10_000_000_000L,
            999_999_999_999_999_999L};
        long last = 20_000_000_000L;
        // One more task than the first message holds, so the collector must read the second one too.
        Collector c = collector(ids.length + 1).start();

        sendText(batchOf(ids));
        sendText(batchOf(Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 10_000_000_000L, 999_999_999_999_999_999L, last));

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        assertThat(c.stats()).isEqualTo(new CollectStats(ids.length + 1, ids.length + 1, ids.length + 1, 0, 4));
        assertThat(heardIds()).containsExactlyInAnyOrder(
                LongStream.concat(LongStream.of(ids), LongStream.of(last)).boxed().toArray(Long[]::new));
    }

    @Test
    void collector_whenBeforeAckFails_leavesTheMessagesToBeReceivedAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Collector c = collector(2, batches -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("archive unreachable");
            }
        }).start();
        sendText(batchOf(1, 2));
        await().atMost(LONG_ENOUGH).until(() -> attempts.get() == 1);

        assertThat(replies.depth().inFlight()).isEqualTo(1);
        assertThat(c.stats().distinct()).isZero();
        assertThat(heard).isEmpty();

        clock.advance(VISIBILITY);

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(heardIds()).containsExactly(1L, 2L);
        assertThat(c.stats().duplicates()).isZero();
        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 0);
    }

    @Test
    void collector_passesTheDecodedBatchesToBeforeAck() throws Exception {
        List<ResultBatch> kept = Collections.synchronizedList(new ArrayList<>());
        Collector c = collector(2, kept::addAll).start();

        sendText(batchOf(1, 2));

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        assertThat(kept).containsExactly(batchOf(1, 2));
    }

    @Test
    void collector_withUnreadableMessages_movesThemToTheDeadLetterQueueCountsThemAndGoesOn() throws Exception {
        Collector c = collector(2).start();
        String deep = "{\"v\":1,\"run\":\"r\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        replies.send(List.of("not a result", WireCodec.encodePointer("bodies/r/missing.json"), deep));
        sendText(batchOf(1));
        sendText(batchOf(2));

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 0 && dead.depth().total() == 3);
        assertThat(c.stats().unreadable()).isEqualTo(3);
        assertThat(c.failure()).isEmpty();
        assertThat(heard).extracting(TaskResult::taskId).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void collector_whenTheDeadLetterQueueIsMissing_leavesAnUnreadableMessageOnTheReplyQueue() throws Exception {
        deadLetters = new DeadLetters(queues, "no-such-queue");
        Collector c = collector(1).start();

        replies.send(List.of("not a result"));
        sendText(batchOf(1));

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        c.close();
        assertThat(c.stats().unreadable()).isGreaterThanOrEqualTo(1);
        clock.advance(VISIBILITY.plusSeconds(1));
        assertThat(replies.receive(10, Duration.ZERO)).extracting(QueueMessage::body).contains("not a result");
    }

    @Test
    void collector_whenFetchingASpilledBodyFails_leavesTheMessageAndReadsItOnceTheStoreAnswers() throws Exception {
        Collector c = collector(1).start();
        blobs.putBytes("bodies/r/results-1.json", WireCodec.encodeResults(batchOf(1))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        blobs.failNextGets(1);

        replies.send(List.of(WireCodec.encodePointer("bodies/r/results-1.json")));

        // First read: the store fails, the message stays hidden until its visibility timeout ends.
        await().atMost(LONG_ENOUGH).until(() -> blobs.failedGets() == 1);
        assertThat(c.await(Duration.ofMillis(300))).isFalse();
        assertThat(replies.depth().total()).isEqualTo(1);
        clock.advance(VISIBILITY.plusSeconds(1));

        assertThat(c.await(LONG_ENOUGH)).isTrue();
        assertThat(heard).extracting(TaskResult::taskId).containsExactly(1L);
        assertThat(c.stats().unreadable()).isZero();
        assertThat(dead.depth().total()).isZero();
    }

    @Test
    void await_beforeEveryExpectedResult_answersFalseThenTrueWhenTheLastArrives() throws Exception {
        Collector c = collector(3).start();
        sendText(batchOf(1, 2));
        await().atMost(LONG_ENOUGH).until(() -> c.stats().distinct() == 2);

        assertThat(c.await(Duration.ofMillis(50))).isFalse();

        sendText(batchOf(3));
        assertThat(c.await(LONG_ENOUGH)).isTrue();
        assertThat(c.stats().distinct()).isEqualTo(3);
    }

    @Test
    void await_withZeroExpected_completesAtOnceWithoutStarting() throws Exception {
        assertThat(collector(0).await(Duration.ZERO)).isTrue();
    }

    @Test
    void replay_countsResultsReadBackFromElsewhere() throws Exception {
        Collector c = collector(3);

        c.replay(batchOf(1, 2));
        c.replay(batchOf(2, 3));

        assertThat(c.await(Duration.ZERO)).isTrue();
        assertThat(c.stats()).isEqualTo(new CollectStats(3, 3, 3, 0, 1));
    }

    @Test
    void reader_withFewerThanOneThread_isRefused() {
        assertThatThrownBy(() -> new ReplyReader(replies, bodies, deadLetters, run -> null, b -> { }, 0,
                Duration.ofMillis(200), Duration.ofMillis(50), "w", () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, was 0");
    }

    @Test
    void reader_routesResultsByRunId_andDropsThoseOfRunsNoOneWaitsFor() throws Exception {
        List<TaskResult> heardB = Collections.synchronizedList(new ArrayList<>());
        ResultTally a = new ResultTally(2, java.util.Set.of(1L, 2L), heard::add);
        ResultTally b = new ResultTally(1, java.util.Set.of(1L), heardB::add);
        java.util.Map<String, ResultTally> runs = java.util.Map.of("a", a, "b", b);
        ReplyReader reader = new ReplyReader(replies, bodies, deadLetters, runs::get, x -> { }, 1,
                Duration.ofMillis(200), Duration.ofMillis(50), "w", () -> { }).start();
        try {
            sendText(new ResultBatch("a", List.of(aResult().forTask(1).build(), aResult().forTask(9).build())));
            sendText(new ResultBatch("gone", List.of(aResult().forTask(1).build())));
            sendText(new ResultBatch("b", List.of(aResult().forTask(1).withOutput("b1").build())));
            sendText(new ResultBatch("a", List.of(aResult().forTask(2).build())));

            assertThat(a.await(LONG_ENOUGH)).isTrue();
            assertThat(b.await(LONG_ENOUGH)).isTrue();
            assertThat(heardIds()).containsExactly(1L, 2L);
            assertThat(heardB).singleElement().extracting(TaskResult::output).isEqualTo("b1");
            await().atMost(LONG_ENOUGH).until(() -> replies.depth().total() == 0);
        } finally {
            reader.close();
        }
    }

    @Test
    void close_withSeveralReadersInALongPoll_stopsThemAllWithoutWaitingOutThePoll() {
        // One in-memory receive takes every wake message there is: the other readers must be woken again.
        ReplyReader reader = new ReplyReader(replies, bodies, deadLetters, run -> null, b -> { }, 4,
                Duration.ofSeconds(20), Duration.ofMillis(50), "w", () -> { }).start();
        await().atMost(LONG_ENOUGH).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("kon-replies-") && t.getName().endsWith(replies.name()))
                .filter(t -> t.getState() == Thread.State.TIMED_WAITING).count() == 4);

        long start = System.nanoTime();
        reader.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("kon-replies-")
                && t.getName().endsWith(replies.name()) && t.isAlive());
    }
}
