package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterQueueTest {
    private final InMemoryQueueService queues = new InMemoryQueueService();
    private final TaskQueue tasks = queues.create(QueueSpec.of("tasks"));
    private final TaskQueue dead = queues.create(QueueSpec.of("tasks-dead"));
    private final DeadLetterQueue dlq = new DeadLetterQueue(queues, dead, "tasks");

    private void deadLetter(String body, String source) {
        dead.sendMessages(List.of(new OutgoingMessage(body, new DeadLetterNote("why " + body, source,
                Instant.parse("2026-12-01T10:00:00Z"), 3).toAttributes())));
    }

    @Test
    void list_showsEachMessageOnceWithItsNote_andLeavesThemAllVisible() {
        deadLetter("a", "tasks");
        deadLetter("b", "tasks");
        dead.send(List.of("moved by the queue itself"));

        List<QueueMessage> listed = dlq.list(100);

        assertThat(listed).hasSize(3);
        assertThat(listed).filteredOn(m -> m.body().equals("a")).singleElement()
                .satisfies(m -> assertThat(DeadLetterNote.of(m).orElseThrow().reason()).isEqualTo("why a"));
        assertThat(dead.depth().visible()).isEqualTo(3);
        assertThat(dead.depth().inFlight()).isZero();
    }

    @Test
    void redrive_ofOneId_sendsItBackToItsSourceAndDeletesOnlyIt() {
        deadLetter("a", "tasks");
        deadLetter("b", "tasks");
        String id = dlq.list(10).stream().filter(m -> m.body().equals("a")).findFirst().orElseThrow().messageId();

        DeadLetterQueue.Redrive r = dlq.redrive(m -> m.messageId().equals(id));

        assertThat(r.moved()).containsExactly(id);
        assertThat(r.failed()).isEmpty();
        List<QueueMessage> back = tasks.receive(10, java.time.Duration.ZERO);
        assertThat(back).extracting(QueueMessage::body).containsExactly("a");
        assertThat(back.get(0).attributes()).isEmpty();
        assertThat(dlq.list(10)).extracting(QueueMessage::body).containsExactly("b");
    }

    @Test
    void redrive_whenTheSourceQueueIsGone_leavesTheMessageOnTheDeadLetterQueue() {
        deadLetter("result", "kon-reply-gone");

        DeadLetterQueue.Redrive r = dlq.redrive(m -> true);

        assertThat(r.moved()).isEmpty();
        assertThat(r.failed().values()).singleElement().asString().contains("'kon-reply-gone' no longer exists");
        assertThat(dead.depth().visible()).isEqualTo(1);
    }

    @Test
    void redrive_ofAMessageWithoutANote_sendsItToTheDefaultSource() {
        dead.send(List.of("moved by the queue itself"));

        assertThat(dlq.redrive(m -> true).moved()).hasSize(1);

        assertThat(tasks.depth().visible()).isEqualTo(1);
    }

    @Test
    void purge_deletesEverythingAndCountsIt() {
        deadLetter("a", "tasks");
        dead.send(List.of("b", "c"));

        assertThat(dlq.purge()).isEqualTo(3);

        assertThat(dead.depth().total()).isZero();
    }
}
