package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.Backend;
import dev.kon.apps.stats.StatsHandler;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.client.RequestSession;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.task.TaskHandlers;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kon cal} on a terminal: one request per line on one session, until an empty line or the end of input. On
 * in-memory queues with a worker engine running the real {@code stats} handler; expected answers worked out by hand.
 */
class CalCommandConverseTest {
    private final InMemoryQueueService queues = new InMemoryQueueService();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final Backend backend = new Backend(queues, new InMemoryExecutionLedger(Clock.systemUTC()), blobs);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CalCommand cal = new CalCommand();
    private Worker worker;

    @BeforeEach
    void startAWorker() {
        queues.create(QueueSpec.of("tasks"));
        worker = new Worker(WorkerConfig.defaults("tasks").withPollWait(Duration.ofMillis(200)), backend,
                TaskHandlers.of(new StatsHandler()), Clock.systemUTC()).start();
        cal.output = OutputFormat.json;
        cal.timeout = Duration.ofSeconds(30);
    }

    @AfterEach
    void killTheWorker() {
        worker.kill();
    }

    private int converse(String typed) throws Exception {
        try (RequestSession session = RequestSession.open(backend, "tasks")) {
            return cal.converse(session, new BufferedReader(new StringReader(typed)),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void converse_answersEachLineUntilAnEmptyOneOnOneSession() throws Exception {
        int exit = converse("3 1 4\n10, 20\n\n5 5 5\n");

        assertThat(exit).isZero();
        // 3 1 4: sorted 1 3 4, sum 8 / 3; 10 20: mean 15, middle pair 10 and 20. The line after the empty one is
        // never read.
        assertThat(said().lines()).hasSize(2);
        assertThat(said().lines().toList().get(0)).startsWith("{\"count\":3,\"min\":\"1\",\"max\":\"4\","
                + "\"average\":\"2.666666666666666666666666666666667\",\"median\":\"3\"");
        assertThat(said().lines().toList().get(1)).startsWith("{\"count\":2,\"min\":\"10\",\"max\":\"20\","
                + "\"average\":\"15\",\"median\":\"15\"");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(CalCommand.PROMPT);
        assertThat(worker.tasksRun()).isEqualTo(2);
    }

    @Test
    void converse_withABadLine_saysWhyAndGoesOnToTheNextUntilTheEndOfInput() throws Exception {
        int exit = converse("1 2 three\n7");

        assertThat(exit).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("kon cal: item 3: 'three' is not a number; nothing was sent");
        assertThat(said()).startsWith("{\"count\":1,\"min\":\"7\",\"max\":\"7\"").hasLineCount(1);
        assertThat(worker.tasksRun()).isEqualTo(1);
    }

    @Test
    void converse_withNothingTyped_sendsNothing() throws Exception {
        assertThat(converse("")).isZero();

        assertThat(said()).isEmpty();
        assertThat(worker.tasksRun()).isZero();
    }
}
