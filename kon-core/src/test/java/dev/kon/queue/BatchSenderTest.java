package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.ScriptedTaskQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchSenderTest {
    private final ScriptedTaskQueue q = new ScriptedTaskQueue(new QueueLimits(10, 262_144));

    private static List<String> bodies(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void sendAll_ofMoreThanABatch_sendsChunksOfMaxBatchInOrder() {
        List<String> bodies = bodies(25);

        assertThat(BatchSender.sendAll(q, bodies)).isTrue();

        assertThat(q.callSizes()).containsExactly(10, 10, 5);
        assertThat(q.calls().stream().flatMap(List::stream).toList()).isEqualTo(bodies);
    }

    @Test
    void sendAll_ofExactlyOneBatch_sendsOneCall() {
        assertThat(BatchSender.sendAll(q, bodies(10))).isTrue();

        assertThat(q.callSizes()).containsExactly(10);
    }

    @Test
    void sendAll_withAnEncoder_sendsTheEncodedObjects() {
        assertThat(BatchSender.sendAll(q, List.of(1, 2), i -> "n" + i)).isTrue();

        assertThat(q.calls()).containsExactly(List.of("n1", "n2"));
    }

    @Test
    void sendAll_whenSomeEntriesAreRefusedOnce_resendsOnlyThose() {
        AtomicInteger call = new AtomicInteger();
        q.answering(bodies -> call.getAndIncrement() == 0
                ? new BatchResult(List.of(new BatchResult.Failure(1, "Throttled"), new BatchResult.Failure(3, "x")))
                : BatchResult.ok());

        assertThat(BatchSender.sendAll(q, bodies(5))).isTrue();

        assertThat(q.calls()).containsExactly(bodies(5), List.of("m2", "m4"));
    }

    @Test
    void sendAll_whenAnEntryIsRefusedEveryTime_givesUpAfterTheAttemptsAndAnswersFalse() {
        q.answering(bodies -> {
            List<BatchResult.Failure> f = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                if (bodies.get(i).equals("m2")) {
                    f.add(new BatchResult.Failure(i, "InvalidMessageContents"));
                }
            }
            return new BatchResult(f);
        });

        assertThat(BatchSender.sendAll(q, bodies(3))).isFalse();

        assertThat(q.calls()).hasSize(BatchSender.ATTEMPTS);
        assertThat(q.calls().subList(1, BatchSender.ATTEMPTS)).containsOnly(List.of("m2"));
    }

    @Test
    void sendAll_whenOneChunkFails_stillSendsTheOthersAndAnswersFalse() {
        q.answering(bodies -> bodies.contains("m1")
                ? new BatchResult(List.of(new BatchResult.Failure(0, "x"))) : BatchResult.ok());

        assertThat(BatchSender.sendAll(q, bodies(15))).isFalse();

        assertThat(q.calls()).contains(bodies(15).subList(10, 15));
    }

    @Test
    void sendAll_whenTheQueueThrowsOnEveryAttempt_answersFalse() {
        q.unreachable();

        assertThat(BatchSender.sendAll(q, bodies(3))).isFalse();

        assertThat(q.calls()).hasSize(BatchSender.ATTEMPTS).containsOnly(bodies(3));
    }

    @Test
    void sendAll_whenTheQueueThrowsOnce_retriesAndAnswersTrue() {
        AtomicInteger call = new AtomicInteger();
        q.answering(bodies -> {
            if (call.getAndIncrement() == 0) {
                throw new QueueException("scripted", "throttled", null);
            }
            return BatchResult.ok();
        });

        assertThat(BatchSender.sendAll(q, bodies(3))).isTrue();

        assertThat(q.calls()).containsExactly(bodies(3), bodies(3));
    }

    @Test
    void sendAll_ofNothing_answersTrueWithoutCalling() {
        assertThat(BatchSender.sendAll(q, List.of())).isTrue();

        assertThat(q.calls()).isEmpty();
    }
}
