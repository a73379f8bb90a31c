package dev.kon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run's failures and its retry over the JSON API, on a local cloud whose workers really fail the tasks. */
@Tag("slow")
@Timeout(180)
class WebFailuresApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static WebRig rig;

    @BeforeAll
    static void start() {
        rig = WebRig.start(2, WebConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @Test
    void failures_ofARunWithBadTasks_listThemByLineAsKonFailuresDoes() throws Exception {
        String run = rig.sleepRun("5", SCRIPT, "7", "-1");

        HttpResponse<String> r = rig.get("/api/runs/" + run + "/failures");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.get("run").asText()).isEqualTo(run);
        assertThat(a.get("failed").asLong()).isEqualTo(2);
        JsonNode first = a.get("failures").get(0);
        assertThat(a.get("failures").findValuesAsText("line")).containsExactly("2", "4");
        assertThat(first.get("type").asText()).isEqualTo("sleep");
        assertThat(first.get("args").asText()).isEqualTo(SCRIPT);
        assertThat(first.get("argsCut").asBoolean()).isFalse();
        assertThat(first.get("reason").asText()).contains("whole number of milliseconds");
        assertThat(first.get("attempts").asLong()).isPositive();
        assertThat(first.get("worker").asText()).isNotBlank();
        assertThat(JSON.readTree(rig.get("/api/runs/" + run + "/failures?limit=1").body()).get("failures").size())
                .isEqualTo(1);
    }

    @Test
    void failures_ofAnUnknownRunOrWithABadLimit_answer404And400() throws Exception {
        assertThat(rig.get("/api/runs/nosuchrun/failures").statusCode()).isEqualTo(404);
        assertThat(rig.get("/api/runs/nosuchrun/failures?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void retry_ofARunWithFailures_startsALinkedRunOfJustThoseTasks() throws Exception {
        String run = rig.sleepRun("5", "nope", "6");

        HttpResponse<String> r = rig.post("/api/runs/" + run + "/retry", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode a = JSON.readTree(r.body());
        String retry = a.get("run").asText();
        assertThat(retry).isNotEqualTo(run);
        assertThat(a.get("retryOf").asText()).isEqualTo(run);
        assertThat(a.get("tasks").asInt()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode rec = JSON.readTree(rig.get("/api/runs/" + retry).body());
            assertThat(rec.get("state").asText()).isEqualTo("done");
            assertThat(rec.get("retryOf").asText()).isEqualTo(run);
            assertThat(rec.get("tasks").asLong()).isEqualTo(1);
            assertThat(rec.get("failed").asLong()).isEqualTo(1);
        });
        JsonNode again = JSON.readTree(rig.get("/api/runs/" + retry + "/failures").body());
        assertThat(again.get("failures").findValuesAsText("line")).as("the task keeps its line").containsExactly("2");
    }

    @Test
    void retry_ofARunWithoutFailures_answers409AndStartsNothing() throws Exception {
        String run = rig.sleepRun("5");
        int before = JSON.readTree(rig.get("/api/runs").body()).size();

        HttpResponse<String> r = rig.post("/api/runs/" + run + "/retry", new byte[0]);

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("no failed tasks");
        assertThat(JSON.readTree(rig.get("/api/runs").body()).size()).isEqualTo(before);
    }

    @Test
    void retry_withoutTheCsrfHeader_isRefused() throws Exception {
        String run = rig.sleepRun("bad");

        HttpResponse<String> r = rig.http.send(HttpRequest.newBuilder(rig.uri("/api/runs/" + run + "/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void retry_ofAnUnknownRun_answers404() throws Exception {
        assertThat(rig.post("/api/runs/nosuchrun/retry", new byte[0]).statusCode()).isEqualTo(404);
    }
}
