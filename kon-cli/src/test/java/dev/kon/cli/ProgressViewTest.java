package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.client.CollectStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a client says when results stop coming. Off a terminal (as here), a line on stderr; it must not claim that no
 * worker runs, since a lease running out before another worker retries looks the same from the client.
 */
class ProgressViewTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
    }

    @Test
    void stalled_offATerminal_namesRunningTasksAndALeaseBeforeAskingForAWorker() {
        try (ProgressView view = new ProgressView("submit", false)) {
            view.stalled(Duration.ofSeconds(20), new CollectStats(10, 3, 3, 0, 0));
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("submit: no new result for 20s (3/10): tasks "
                + "still running, or waiting out a lost worker's lease; if no worker serves this queue, start one "
                + "(kon worker)" + System.lineSeparator());
    }

    @Test
    void stalled_whenQuiet_saysNothing() {
        try (ProgressView view = new ProgressView("submit", true)) {
            view.stalled(Duration.ofSeconds(20), new CollectStats(10, 3, 3, 0, 0));
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void missingAnswers_nameTheLeaseAndTheQueueAndHowToWaitLonger() {
        assertThat(Requests.missingLine(1, 2, Duration.ofMillis(500), "kon-tasks")).isEqualTo("kon: 1 of 2 answers "
                + "did not come within 500ms: tasks still running, or waiting out a lost worker's lease; is a "
                + "'kon worker' serving 'kon-tasks'? (--timeout waits longer)");
    }
}
