package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.fixture.MutableClock;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the in-memory queue does beyond the TaskQueue contract (which kon-testkit runs against it). */
class InMemoryTaskQueueTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final InMemoryQueueService queues = new InMemoryQueueService(clock);
    private final TaskQueue q = queues.create(QueueSpec.of("tasks").withVisibilityTimeout(VISIBILITY));

    /** A payload that records how often it was encoded. */
    private record Payload(String text) {
    }

    private final AtomicInteger encodings = new AtomicInteger();
    private final Function<Payload, String> encoder = p -> {
        encodings.incrementAndGet();
        return "{\"text\":\"" + p.text() + "\"}";
    };

    private QueueMessage receiveOne(TaskQueue from) {
        List<QueueMessage> got = from.receive(10, Duration.ZERO);
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    @Test
    void sendObjects_passesTheObjectThroughAsPayload() {
        Payload p = new Payload("a");

        q.sendObjects(List.of(p), encoder);

        assertThat(receiveOne(q).payload()).isSameAs(p);
    }

    @Test
    void sendObjects_encodesOnlyWhenTheBodyIsAskedForAndThenOnce() {
        q.sendObjects(List.of(new Payload("a")), encoder);
        QueueMessage m = receiveOne(q);
        assertThat(encodings).hasValue(0);

        assertThat(m.body()).isEqualTo("{\"text\":\"a\"}");
        assertThat(m.body()).isEqualTo("{\"text\":\"a\"}");

        assertThat(encodings).hasValue(1);
    }

    @Test
    void send_ofTextBodies_hasNoPayload() {
        q.send(List.of("plain"));

        QueueMessage m = receiveOne(q);

        assertThat(m.body()).isEqualTo("plain");
        assertThat(m.payload()).isNull();
    }

    @Test
    void batchCalls_withMoreThanTenEntries_areRefused() {
        List<String> eleven = Collections.nCopies(11, "x");
        q.send(List.of("x"));
        QueueMessage m = receiveOne(q);
        List<QueueMessage> elevenMessages = Collections.nCopies(11, m);

        assertThatThrownBy(() -> q.send(eleven)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch must hold at most 10 entries, had 11");
        assertThatThrownBy(() -> q.sendObjects(Collections.nCopies(11, new Payload("p")), encoder))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.acknowledge(elevenMessages)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.extendVisibility(elevenMessages, VISIBILITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(q.depth()).isEqualTo(new QueueDepth(0, 1));
    }

    @Test
    void receive_ofZeroOrMoreThanTenMessages_isRefused() {
        assertThatThrownBy(() -> q.receive(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max must be 1..10, was 0");
        assertThatThrownBy(() -> q.receive(11, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max must be 1..10, was 11");
    }

    @Test
    void acknowledge_thenTheSameReceiptAgain_failsAndNothingIsLeft() {
        q.sendObjects(List.of(new Payload("a")), encoder);
        QueueMessage m = receiveOne(q);

        assertThat(q.acknowledge(List.of(m)).allOk()).isTrue();

        assertThat(q.acknowledge(List.of(m)).failures())
                .containsExactly(new BatchResult.Failure(0, "ReceiptHandleIsInvalid"));
        assertThat(q.extendVisibility(List.of(m), VISIBILITY).allOk()).isFalse();
        assertThat(q.depth()).isEqualTo(new QueueDepth(0, 0));
        clock.advance(VISIBILITY.multipliedBy(2));
        assertThat(q.receive(10, Duration.ZERO)).isEmpty();
        assertThat(q.depth().total()).isZero();
    }

    @Test
    void acknowledge_dropsTheQueuesHoldOnThePayload() {
        WeakReference<Payload> sent = sendReceiveAndAcknowledge();

        // The acknowledged message's stale visibility entry stays queued until its deadline; it must not keep the
        // payload alive meanwhile.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return sent.get() == null;
        });
    }

    private WeakReference<Payload> sendReceiveAndAcknowledge() {
        Payload p = new Payload("x".repeat(1000));
        q.sendObjects(List.of(p), encoder);
        assertThat(q.acknowledge(List.of(receiveOne(q))).allOk()).isTrue();
        return new WeakReference<>(p);
    }

    @Test
    void acknowledge_ofAnEarlierDeliveryAfterRedelivery_fails() {
        q.send(List.of("a"));
        QueueMessage first = receiveOne(q);
        clock.advance(VISIBILITY);
        QueueMessage second = receiveOne(q);

        assertThat(q.acknowledge(List.of(first)).allOk()).isFalse();
        assertThat(q.acknowledge(List.of(second)).allOk()).isTrue();
        assertThat(q.depth().total()).isZero();
    }

    @Test
    void receive_whenTheClockPassesTheVisibilityTimeout_deliversAgainWithoutRealWaiting() {
        q.sendObjects(List.of(new Payload("a")), encoder);
        QueueMessage first = receiveOne(q);
        clock.advance(VISIBILITY.minusSeconds(1));
        assertThat(q.receive(10, Duration.ZERO)).isEmpty();
        assertThat(q.depth()).isEqualTo(new QueueDepth(0, 1));

        clock.advance(Duration.ofSeconds(1));

        assertThat(q.depth()).isEqualTo(new QueueDepth(1, 0));
        QueueMessage again = receiveOne(q);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.receipt()).isNotEqualTo(first.receipt());
        assertThat(again.receiveCount()).isEqualTo(2);
        assertThat(again.payload()).isSameAs(first.payload());
    }

    @Test
    void extendVisibility_movesTheDeadlineOnTheQueueClock() {
        q.send(List.of("a"));
        QueueMessage m = receiveOne(q);
        clock.advance(Duration.ofSeconds(20));

        assertThat(q.extendVisibility(List.of(m), Duration.ofSeconds(30)).allOk()).isTrue();

        clock.advance(Duration.ofSeconds(29));
        assertThat(q.receive(10, Duration.ZERO)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(receiveOne(q).receiveCount()).isEqualTo(2);
    }

    @Test
    void receive_afterMaxReceives_redrivesTheEncodedBodyToTheDeadLetterQueue() {
        TaskQueue withDlq = queues.create(QueueSpec.of("work").withVisibilityTimeout(VISIBILITY)
                .withDeadLetterQueue("work-dead", 2));
        TaskQueue dead = queues.open("work-dead");
        withDlq.sendObjects(List.of(new Payload("poison")), encoder);
        receiveOne(withDlq);
        clock.advance(VISIBILITY);
        receiveOne(withDlq);
        clock.advance(VISIBILITY);

        assertThat(withDlq.receive(10, Duration.ZERO)).isEmpty();

        QueueMessage m = receiveOne(dead);
        assertThat(m.payload()).isNull();
        assertThat(m.body()).isEqualTo("{\"text\":\"poison\"}");
        assertThat(m.receiveCount()).isEqualTo(1);
        assertThat(withDlq.depth().total()).isZero();
    }

    @Test
    void depth_countsVisibleAndInFlightOnTheQueueClock() {
        q.send(List.of("a", "b", "c"));
        q.receive(2, Duration.ZERO);

        assertThat(q.depth()).isEqualTo(new QueueDepth(1, 2));
        clock.advance(VISIBILITY);
        assertThat(q.depth()).isEqualTo(new QueueDepth(3, 0));
    }

    @Test
    void limits_areTheSqsLimits() {
        assertThat(q.limits()).isEqualTo(QueueLimits.SQS);
        assertThat(q.name()).isEqualTo("tasks");
    }

    @Test
    void open_ofADeletedQueue_throwsNamingIt() {
        queues.delete("tasks");

        assertThat(queues.find("tasks")).isEmpty();
        assertThatThrownBy(() -> queues.open("tasks"))
                .isInstanceOf(QueueNotFoundException.class)
                .hasMessageContaining("queue 'tasks': no such queue")
                .extracting(e -> ((QueueNotFoundException) e).queue()).isEqualTo("tasks");
    }
}
