package dev.kon.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How fresh what the pages poll is, on an in-memory backend. */
class WebUpdatesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Backend backend;
    private KonWeb web;

    @BeforeEach
    void start() {
        backend = new Backend(new InMemoryQueueService(), new InMemoryExecutionLedger(Clock.systemUTC()),
                new InMemoryBlobStore());
        backend.queues().create(QueueSpec.of("kon-tasks").withDeadLetterQueue("kon-tasks-dead", 8));
        web = KonWeb.start(WebConfig.defaults().withPort(0), new WebCloud(backend, "kon-tasks", "kon-tasks-dead",
                prefix -> List.of(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void queues_rightAfterAMessageIsSent_showItWithoutWaitingForTheNextSample() throws Exception {
        get("/api/queues");
        backend.queues().open("kon-tasks").send(List.of("one", "two"));

        String q = get("/api/queues");

        assertThat(q).contains("\"name\":\"kon-tasks\",\"kind\":\"task\",\"visible\":2,");
    }

    @Test
    void history_ofARunThatEndedBetweenTwoSamples_holdsItsEnd() throws Exception {
        Instant now = Instant.now();
        backend.runs().register(RunRecord.submitting("quick", now, "test", "w.txt", "kon-tasks", 3, 0));
        backend.runs().submitted("quick", 3, 1, true);
        backend.runs().move("quick", RunState.RUNNING, RunState.DONE, now);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/runs/quick/history")).startsWith("[{\"at\":"));
    }

    @Test
    void pages_pollAsOftenAsTheServerSays_soAChangeShowsWithinASecond() throws Exception {
        String js = get("/kon.js");

        assertThat(js).contains("const POLL_MILLIS = " + KonWeb.POLL_MILLIS + ";");
        assertThat(get("/api/session")).contains("\"pollMillis\":" + KonWeb.POLL_MILLIS);
        // What a page shows can be a poll interval and two answers old; answers take tens of milliseconds.
        assertThat(KonWeb.POLL_MILLIS).isLessThanOrEqualTo(800);
    }
}
