package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private final InMemoryQueueService queues = new InMemoryQueueService();
    private final TaskQueue tasks = queues.create(QueueSpec.of("tasks"));
    private final TaskQueue dead = queues.create(QueueSpec.of("tasks-dead"));
    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final DeadLetters letters = new DeadLetters(queues, "tasks-dead", Clock.fixed(now, ZoneOffset.UTC));

    private QueueMessage received(String body) {
        tasks.send(List.of(body));
        return tasks.receive(1, java.time.Duration.ZERO).get(0);
    }

    @Test
    void move_keepsTheReasonSourceTimeAndReceivesWithTheMessage() {
        assertThat(letters.move(received("bundle"), "tasks", "given up")).isTrue();

        QueueMessage m = dead.receive(1, java.time.Duration.ZERO).get(0);
        assertThat(m.body()).isEqualTo("bundle");
        assertThat(DeadLetterNote.of(m)).contains(new DeadLetterNote("given up", "tasks", now, 1));
    }

    @Test
    void move_ofALongReason_keepsItCutToTheBound() {
        letters.move(received("bundle"), "tasks", "x".repeat(10_000));

        String reason = DeadLetterNote.of(dead.receive(1, java.time.Duration.ZERO).get(0)).orElseThrow().reason();
        assertThat(reason).hasSize(DeadLetterNote.MAX_REASON).endsWith("...");
    }

    @Test
    void move_ofABodyTooLargeToCarryItsNote_movesItWithoutTheNote() {
        String body = "y".repeat(QueueLimits.SQS.maxBodyBytes() - 20);

        assertThat(letters.move(received(body), "tasks", "too big")).isTrue();

        QueueMessage m = dead.receive(1, java.time.Duration.ZERO).get(0);
        assertThat(m.body()).isEqualTo(body);
        assertThat(DeadLetterNote.of(m)).isEmpty();
    }

    @Test
    void move_toAMissingDeadLetterQueue_answersFalse() {
        DeadLetters nowhere = new DeadLetters(queues, "no-such-queue");

        assertThat(nowhere.move(received("bundle"), "tasks", "why")).isFalse();
    }
}
