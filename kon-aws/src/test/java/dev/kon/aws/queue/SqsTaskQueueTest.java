package dev.kon.aws.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.queue.BatchResult;
import dev.kon.queue.QueueLimits;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueNotFoundException;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS-specific behaviour beyond {@link dev.kon.testkit.TaskQueueContract}: limits, failures, attributes. */
@ExtendWith(LocalCloudExtension.class)
class SqsTaskQueueTest {
    private static SqsClient sqs;
    private static SqsQueueService queues;

    @BeforeAll
    static void connect(AwsClients clients) {
        sqs = clients.sqs();
        queues = new SqsQueueService(sqs);
    }

    @AfterAll
    static void disconnect() {
        queues.close();
    }

    private static TaskQueue fresh(Duration visibility) {
        return queues.create(QueueSpec.of("sqs-" + UUID.randomUUID().toString().substring(0, 8))
                .withVisibilityTimeout(visibility));
    }

    private static List<QueueMessage> receiveAll(TaskQueue q, int n) {
        List<QueueMessage> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            got.addAll(q.receive(10, Duration.ofSeconds(1)));
            return got.size() >= n;
        });
        return got;
    }

    @Test
    void send_withOneBodyOverTheLimit_failsOnlyThatEntry() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        String tooBig = "x".repeat(QueueLimits.SQS.maxBodyBytes() + 1);

        BatchResult result = q.send(List.of("a", tooBig, "c"));

        assertThat(result.failures()).extracting(BatchResult.Failure::index).containsExactly(1);
        assertThat(result.failures().get(0).reason()).contains("262144");
        assertThat(receiveAll(q, 2)).extracting(QueueMessage::body).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void send_ofBodiesTogetherOverTheRequestLimit_isSplitAndAllArrive() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        List<String> bodies = IntStream.range(0, 10).mapToObj(i -> i + "y".repeat(100_000)).toList();

        assertThat(q.send(bodies).allOk()).isTrue();

        assertThat(receiveAll(q, 10)).extracting(QueueMessage::body).containsExactlyInAnyOrderElementsOf(bodies);
    }

    @Test
    void acknowledge_withAnInvalidReceipt_failsOnlyThatEntry() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        q.send(List.of("real"));
        QueueMessage real = receiveAll(q, 1).get(0);
        QueueMessage bogus = new QueueMessage("m", "not-a-receipt-handle", "b", 1);

        BatchResult result = q.acknowledge(List.of(real, bogus));

        assertThat(result.failures()).extracting(BatchResult.Failure::index).containsExactly(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(q.depth().total()).isZero());
    }

    @Test
    void receive_afterTheVisibilityTimeout_redeliversWithReceiveCountTwo() {
        TaskQueue q = fresh(Duration.ofSeconds(1));
        q.send(List.of("again"));
        assertThat(receiveAll(q, 1).get(0).receiveCount()).isEqualTo(1);

        assertThat(receiveAll(q, 1).get(0).receiveCount()).isEqualTo(2);
    }

    @Test
    void emptyBatches_areNoOpsThatMakeNoCall() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        queues.delete(q.name());

        // No call is made, so the deleted queue is not noticed.
        assertThat(q.send(List.of()).allOk()).isTrue();
        assertThat(q.acknowledge(List.of()).allOk()).isTrue();
        assertThat(q.extendVisibility(List.of(), Duration.ofSeconds(5)).allOk()).isTrue();
    }

    @Test
    void batchesOverTen_areRefused() {
        TaskQueue q = fresh(Duration.ofSeconds(30));

        assertThatThrownBy(() -> q.send(Collections.nCopies(11, "b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11");
    }

    @Test
    void calls_onADeletedQueue_throwQueueNotFoundNamingIt() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        queues.delete(q.name());

        assertThatThrownBy(() -> q.send(List.of("x"))).isInstanceOf(QueueNotFoundException.class)
                .hasMessageContaining(q.name());
        assertThatThrownBy(q::depth).isInstanceOf(QueueNotFoundException.class);
        assertThat(queues.find(q.name())).isEmpty();
    }

    @Test
    void create_withDeadLetterQueue_createsItAndSetsTheRedrivePolicyToItsArn() {
        String name = "sqs-" + UUID.randomUUID().toString().substring(0, 8);
        SqsTaskQueue q = (SqsTaskQueue) queues.create(QueueSpec.of(name).withVisibilityTimeout(Duration.ofSeconds(7))
                .withDeadLetterQueue(QueueSpec.deadLetterQueueOf(name), 3));
        SqsTaskQueue dead = (SqsTaskQueue) queues.open(QueueSpec.deadLetterQueueOf(name));

        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(q.url()).attributeNames(QueueAttributeName.ALL))
                .attributes();
        var deadAttributes = sqs.getQueueAttributes(b -> b.queueUrl(dead.url())
                .attributeNames(QueueAttributeName.ALL)).attributes();

        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("7");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(deadAttributes.get(QueueAttributeName.QUEUE_ARN)).contains("3");
    }

    @Test
    void create_ofAnExistingQueueWithOtherSettings_convergesOnTheSpec() {
        String name = "sqs-" + UUID.randomUUID().toString().substring(0, 8);
        queues.create(QueueSpec.of(name).withVisibilityTimeout(Duration.ofSeconds(5)));

        SqsTaskQueue q = (SqsTaskQueue) queues.create(QueueSpec.of(name).withVisibilityTimeout(Duration.ofSeconds(9)));

        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(q.url())
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes())
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "9");
    }

    @Test
    void writes_onAnInterruptedThread_stillGoThrough_andTheInterruptStays() {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        q.send(List.of("in hand"));
        List<QueueMessage> got = receiveAll(q, 1);

        Thread.currentThread().interrupt();
        try {
            assertThat(q.send(List.of("result")).allOk()).isTrue();
            assertThat(q.extendVisibility(got, Duration.ofSeconds(60)).allOk()).isTrue();
            assertThat(q.acknowledge(got).allOk()).isTrue();
            assertThat(q.receive(10, Duration.ofSeconds(5))).isEmpty();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(receiveAll(q, 1)).extracting(QueueMessage::body).containsExactly("result");
    }

    @Test
    void receive_whenTheCallerIsInterrupted_returnsAtOnceAndGivesLateMessagesBack() throws Exception {
        TaskQueue q = fresh(Duration.ofSeconds(30));
        CompletableFuture<Thread> receiver = new CompletableFuture<>();
        CompletableFuture<List<QueueMessage>> received = CompletableFuture.supplyAsync(() -> {
            receiver.complete(Thread.currentThread());
            return q.receive(10, Duration.ofSeconds(20));
        });
        Thread thread = receiver.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> thread.getState() == Thread.State.WAITING);
        long interrupted = System.nanoTime();

        thread.interrupt();

        assertThat(received.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(2));
        // The abandoned poll is still open: what it picks up is made visible again, not held for 30 s.
        q.send(List.of("late"));
        assertThat(receiveAll(q, 1)).extracting(QueueMessage::body).containsExactly("late");
    }
}
