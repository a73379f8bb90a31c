package dev.kon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.queue.BatchResult;
import dev.kon.queue.OutgoingMessage;
import dev.kon.queue.QueueLimits;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueNotFoundException;
import dev.kon.queue.QueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QueueService} and {@link TaskQueue} adapter must do. A backend's test subclasses this and
 * answers {@link #queues()}. Runs on real time with short (1-2 s) visibility timeouts, because remote backends
 * keep their own clocks.
 */
public abstract class TaskQueueContract {

    /** The service under test; may be shared by all tests of a class. Each test uses fresh queue names. */
    protected abstract QueueService queues();

    private static final Duration SHORT_POLL = Duration.ofMillis(200);

    protected String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TaskQueue fresh(Duration visibility) {
        return queues().create(QueueSpec.of(uniqueName("contract")).withVisibilityTimeout(visibility));
    }

    private List<QueueMessage> receiveAtLeast(TaskQueue q, int n, int max) {
        List<QueueMessage> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(q.receive(max, Duration.ofSeconds(1)));
        }
        return got;
    }

    /** Every message received by short receives, one after another, for {@code period}. */
    private static List<QueueMessage> receiveFor(TaskQueue q, Duration period) {
        List<QueueMessage> got = new ArrayList<>();
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            got.addAll(q.receive(10, SHORT_POLL));
        }
        return got;
    }

    @Test
    public void send_thenReceive_returnsTheBodyOnFirstDelivery() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        assertThat(q.send(List.of("hello \"json\" ünïcode")).allOk()).isTrue();

        List<QueueMessage> got = receiveAtLeast(q, 1, 10);

        assertThat(got).hasSize(1);
        assertThat(got.get(0).body()).isEqualTo("hello \"json\" ünïcode");
        assertThat(got.get(0).receiveCount()).isEqualTo(1);
    }

    @Test
    public void receive_saysWhenTheMessageWasFirstSent_onEveryDelivery() {
        TaskQueue q = fresh(Duration.ofSeconds(1));
        long before = System.currentTimeMillis();
        q.send(List.of("a"));
        long after = System.currentTimeMillis();

        QueueMessage first = receiveAtLeast(q, 1, 1).get(0);
        QueueMessage again = receiveAtLeast(q, 1, 1).get(0);

        // A remote queue stamps by its own clock: allow it to disagree with this one by a little.
        assertThat(first.sentAtMillis()).isBetween(before - 2000, after + 2000);
        assertThat(again.receiveCount()).isEqualTo(2);
        assertThat(again.sentAtMillis()).isEqualTo(first.sentAtMillis());
    }

    @Test
    public void acknowledge_removesTheMessageForGood() {
        TaskQueue q = fresh(Duration.ofSeconds(1));
        q.send(List.of("a"));
        List<QueueMessage> got = receiveAtLeast(q, 1, 1);

        assertThat(q.acknowledge(got).allOk()).isTrue();

        // Receive without pause for two and a half visibility timeouts: a message that was not deleted becomes
        // visible after one and is caught by the next receive. (One empty receive proves nothing: a message that
        // came back would be hidden again by whichever receive took it.)
        assertThat(receiveFor(q, Duration.ofMillis(2500))).isEmpty();
    }

    @Test
    public void receive_whenVisibilityTimeoutExpires_redeliversWithHigherReceiveCount() {
        TaskQueue q = fresh(Duration.ofSeconds(1));
        q.send(List.of("again"));
        QueueMessage first = receiveAtLeast(q, 1, 1).get(0);

        List<QueueMessage> second = receiveAtLeast(q, 1, 1);

        assertThat(second).hasSize(1);
        assertThat(second.get(0).messageId()).isEqualTo(first.messageId());
        assertThat(second.get(0).body()).isEqualTo("again");
        assertThat(second.get(0).receiveCount()).isEqualTo(2);
        assertThat(q.acknowledge(second).allOk()).isTrue();
    }

    @Test
    public void receive_whileMessageIsInFlight_doesNotDeliverItAgain() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        q.send(List.of("once"));
        assertThat(receiveAtLeast(q, 1, 1)).hasSize(1);

        assertThat(q.receive(10, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    public void extendVisibility_keepsTheMessageHiddenPastItsTimeout() {
        TaskQueue q = fresh(Duration.ofSeconds(1));
        q.send(List.of("long task"));
        List<QueueMessage> got = receiveAtLeast(q, 1, 1);

        assertThat(q.extendVisibility(got, Duration.ofSeconds(30)).allOk()).isTrue();

        assertThat(q.receive(10, Duration.ofSeconds(2))).isEmpty();
        assertThat(q.acknowledge(got).allOk()).isTrue();
    }

    @Test
    public void extendVisibility_toZero_makesTheMessageVisibleAtOnce() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        q.send(List.of("give back"));
        List<QueueMessage> got = receiveAtLeast(q, 1, 1);

        q.extendVisibility(got, Duration.ZERO);

        assertThat(receiveAtLeast(q, 1, 1)).extracting(QueueMessage::body).containsExactly("give back");
    }

    @Test
    public void receive_whenEmpty_waitsAndReturnsNothing() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        long start = System.nanoTime();

        assertThat(q.receive(10, Duration.ofSeconds(1))).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    public void receive_longPoll_returnsSoonAfterAMessageArrives() throws Exception {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<List<QueueMessage>> waiting = ex.submit(() -> q.receive(1, Duration.ofSeconds(10)));
            Thread.sleep(300); // let the receiver start its long poll before the message is sent
            long sent = System.nanoTime();
            q.send(List.of("wake up"));

            List<QueueMessage> got = waiting.get(10, TimeUnit.SECONDS);

            assertThat(got).extracting(QueueMessage::body).containsExactly("wake up");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(5));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    public void concurrentReceivers_eachMessageIsDeliveredOnceWhenAcknowledged() throws Exception {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        int total = 200;
        for (int i = 0; i < total; i += 10) {
            int from = i;
            assertThat(q.send(IntStream.range(from, from + 10).mapToObj(Integer::toString).toList()).allOk()).isTrue();
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(ex.submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (seen.size() < total && System.nanoTime() < deadline) {
                        List<QueueMessage> got = q.receive(10, Duration.ofMillis(500));
                        for (QueueMessage m : got) {
                            if (!seen.add(m.body())) {
                                duplicates.add(m.body());
                            }
                        }
                        if (!got.isEmpty()) {
                            q.acknowledge(got);
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            ex.shutdownNow();
        }
        assertThat(seen).hasSize(total);
        assertThat(duplicates).isEmpty();
    }

    @Test
    public void receive_afterMaxReceives_movesTheMessageToTheDeadLetterQueue() {
        String name = uniqueName("contract");
        TaskQueue q = queues().create(QueueSpec.of(name).withVisibilityTimeout(Duration.ofSeconds(1))
                .withDeadLetterQueue(QueueSpec.deadLetterQueueOf(name), 2));
        TaskQueue dead = queues().open(QueueSpec.deadLetterQueueOf(name));
        q.send(List.of("poison"));

        assertThat(receiveAtLeast(q, 1, 1)).hasSize(1);
        assertThat(receiveAtLeast(q, 1, 1)).hasSize(1);

        await().atMost(Duration.ofSeconds(15)).until(() -> {
            q.receive(10, Duration.ofMillis(500));
            return dead.depth().total() > 0;
        });
        assertThat(receiveAtLeast(dead, 1, 10)).extracting(QueueMessage::body).containsExactly("poison");
    }

    @Test
    public void depth_countsVisibleAndInFlightMessages() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        q.send(List.of("1", "2", "3"));
        receiveAtLeast(q, 1, 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(q.depth().visible()).isEqualTo(2);
            assertThat(q.depth().inFlight()).isEqualTo(1);
        });
    }

    @Test
    public void createFindDelete_areIdempotentAndFindAnswersEmptyForMissingQueues() {
        String name = uniqueName("contract");
        assertThat(queues().find(name)).isEmpty();
        assertThatThrownBy(() -> queues().open(name)).isInstanceOf(QueueNotFoundException.class)
                .hasMessageContaining(name);

        queues().create(QueueSpec.of(name));
        queues().create(QueueSpec.of(name));
        assertThat(queues().find(name)).isPresent();

        queues().delete(name);
        queues().delete(name);
        await().atMost(Duration.ofSeconds(5)).until(() -> queues().find(name).isEmpty());
    }

    @Test
    public void sendMessages_withAttributes_areReceivedWithThem() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        Map<String, String> attributes = Map.of("kon-reason", "given up after 3 deliveries: \u00e9t\u00e9",
                "kon-source", "tasks");

        assertThat(q.sendMessages(List.of(new OutgoingMessage("noted", attributes), OutgoingMessage.of("plain")))
                .allOk()).isTrue();

        List<QueueMessage> got = receiveAtLeast(q, 2, 10);
        assertThat(got).hasSize(2);
        for (QueueMessage m : got) {
            assertThat(m.attributes()).isEqualTo(m.body().equals("noted") ? attributes : Map.of());
        }
    }

    @Test
    public void send_ofPlainBodies_isReceivedWithoutAttributes() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        q.send(List.of("plain"));

        assertThat(receiveAtLeast(q, 1, 1)).singleElement().satisfies(m -> assertThat(m.attributes()).isEmpty());
    }

    @Test
    public void sendMessages_whoseAttributesTakeItOverTheLimit_failsThatEntryOnly() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        String body = "x".repeat(QueueLimits.SQS.maxBodyBytes() - 10);
        BatchResult r = q.sendMessages(List.of(new OutgoingMessage(body, Map.of("kon-reason", "a reason")),
                OutgoingMessage.of("small")));

        assertThat(r.failures()).extracting(BatchResult.Failure::index).containsExactly(0);
        assertThat(receiveAtLeast(q, 1, 10)).extracting(QueueMessage::body).containsExactly("small");
    }

    @Test
    public void receive_afterMaxReceives_movesTheMessageWithItsAttributes() {
        String name = uniqueName("contract");
        TaskQueue q = queues().create(QueueSpec.of(name).withVisibilityTimeout(Duration.ofSeconds(1))
                .withDeadLetterQueue(QueueSpec.deadLetterQueueOf(name), 1));
        TaskQueue dead = queues().open(QueueSpec.deadLetterQueueOf(name));
        q.sendMessages(List.of(new OutgoingMessage("poison", Map.of("kon-note", "kept"))));

        assertThat(receiveAtLeast(q, 1, 1)).hasSize(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            q.receive(10, Duration.ofMillis(500));
            return dead.depth().total() > 0;
        });
        assertThat(receiveAtLeast(dead, 1, 10)).singleElement()
                .satisfies(m -> assertThat(m.attributes()).containsEntry("kon-note", "kept"));
    }

    @Test
    public void send_toAQueueDeletedSinceItWasOpened_throwsQueueNotFound() {
        String name = uniqueName("contract");
        TaskQueue q = queues().create(QueueSpec.of(name));
        queues().delete(name);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(() -> q.send(List.of("late")))
                .isInstanceOf(QueueNotFoundException.class));
    }
}
