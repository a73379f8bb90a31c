package dev.kon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JSON API over plain HTTP, on a local cloud with a worker; each request as a script would send it. */
@Tag("slow")
@Timeout(180)
class WebApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebRig rig;

    @BeforeAll
    static void start() {
        rig = WebRig.start(2, WebConfig.defaults().withPort(0).withMaxWorkloadBytes(1000));
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @Test
    void cal_withNumbers_answersTheStatisticsAndALinkToTheLog() throws Exception {
        HttpResponse<String> r = rig.post("/api/cal", "4 8 15 16 23 42".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.get("count").asLong()).isEqualTo(6);
        assertThat(a.get("min").asText()).isEqualTo("4");
        assertThat(a.get("max").asText()).isEqualTo("42");
        assertThat(a.get("average").asText()).isEqualTo("18");
        assertThat(a.get("median").asText()).isEqualTo("15.5");
        HttpResponse<String> log = rig.get(a.get("logLink").asText());
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("42");
    }

    @Test
    void cal_withoutCsrfHeader_isRefusedAndNothingIsSent() throws Exception {
        HttpResponse<String> r = rig.http.send(HttpRequest.newBuilder(rig.uri("/api/cal"))
                .POST(HttpRequest.BodyPublishers.ofString("1 2 3")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("X-Kon-Csrf");
    }

    @Test
    void anyRequest_withAForeignHostHeader_isRefused() throws Exception {
        // What a page of another site gets after rebinding its name to 127.0.0.1.
        String answer;
        try (Socket s = new Socket("127.0.0.1", rig.web.port())) {
            s.getOutputStream().write(("GET /api/session HTTP/1.1\r\nHost: evil.example:" + rig.web.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("csrf\"");
    }

    @Test
    void cal_withBadNumbers_answers400NamingTheProblem() throws Exception {
        HttpResponse<String> r = rig.post("/api/cal", "1 2 <b>x</b>".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("nothing was sent");
    }

    @Test
    void pic_withAJpeg_answersLinksToBeforeAndAfterOfTheSameSize() throws Exception {
        HttpResponse<String> r = rig.post("/api/pic?name=cat.jpg&factor=1.5", jpeg(64, 48));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.get("width").asInt()).isEqualTo(64);
        assertThat(a.get("format").asText()).isEqualTo("jpeg");
        HttpResponse<byte[]> after = rig.getBytes(a.get("after").asText());
        assertThat(after.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(after.body()));
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(rig.getBytes(a.get("download").asText()).headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> v.startsWith("attachment"));
    }

    @Test
    void pic_withTextInsteadOfAnImage_answers415() throws Exception {
        HttpResponse<String> r = rig.post("/api/pic?name=x.jpg", "not an image".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(415);
    }

    @Test
    void blobs_withAnIdTheServerDidNotMake_answers404() throws Exception {
        assertThat(rig.get("/api/blobs/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
        assertThat(rig.get("/api/blobs/logs").statusCode()).isEqualTo(404);
    }

    @Test
    void staticFiles_withDotDotInThePath_serveNothingOutsideThePages() throws Exception {
        HttpResponse<String> r = rig.get("/..%2F..%2Fdev/kon/web/KonWeb.class");

        assertThat(r.statusCode()).isIn(400, 404);
    }

    @Test
    void submit_withABadLine_answers400ListingIt() throws Exception {
        HttpResponse<String> r = rig.post("/api/submit?name=w.txt",
                "sleep 1\nsleep <script>alert(1)</script>\n".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.get("error").asText()).startsWith("w.txt: 1 bad line");
        assertThat(a.get("errors").get(0).asText()).startsWith("w.txt:2: ").contains("<script>alert(1)</script>");
    }

    @Test
    void submit_overTheLimit_answers413NamingTheLimit() throws Exception {
        HttpResponse<String> r = rig.post("/api/submit?name=big.txt", "sleep 1\n".repeat(200).getBytes());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("limit of 1 kB");
    }

    @Test
    void submit_aGoodWorkload_runsItAndTheRunShowsInRunsAndHistory() throws Exception {
        HttpResponse<String> r = rig.post("/api/submit?name=ten.txt", "sleep 50\n".repeat(10).getBytes());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String run = JSON.readTree(r.body()).get("run").asText();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode rec = JSON.readTree(rig.get("/api/runs/" + run).body());
            assertThat(rec.get("state").asText()).isEqualTo("done");
            assertThat(rec.get("done").asLong()).isEqualTo(10);
        });
        JsonNode runs = JSON.readTree(rig.get("/api/runs").body());
        assertThat(runs.findValuesAsText("run")).contains(run);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(JSON.readTree(rig.get("/api/runs/" + run + "/history").body()).size()).isPositive());
    }

    @Test
    void run_unknown_answers404() throws Exception {
        assertThat(rig.get("/api/runs/nosuchrun").statusCode()).isEqualTo(404);
    }

    @Test
    void workers_listsTheLiveOnesFromTheRegistry() throws Exception {
        Instant now = Instant.now();
        rig.backend.workers().heartbeat(new WorkerRecord("h/1/a", "h", 1, "0.1.0", 4, "kon-tasks", now, 12, 2.5,
                List.of(), WorkerStatus.RUNNING, now));
        rig.backend.workers().heartbeat(new WorkerRecord("h/2/b", "h", 2, "0.1.0", 4, "kon-tasks", now, 0, 0,
                List.of(), WorkerStatus.STOPPED, now));

        JsonNode w = JSON.readTree(rig.get("/api/workers").body());

        // The rig's own worker heartbeats too: the written ones are checked, the stopped one must be left out.
        assertThat(w.findValuesAsText("worker")).contains("h/1/a").doesNotContain("h/2/b");
        JsonNode written = null;
        for (JsonNode one : w) {
            if (one.get("worker").asText().equals("h/1/a")) {
                written = one;
            }
        }
        assertThat(written).isNotNull();
        assertThat(written.get("tasksPerSecond").asDouble()).isEqualTo(2.5);
        assertThat(written.get("status").asText()).isEqualTo("running");
    }

    @Test
    void queues_listTheTaskAndDeadLetterQueuesWithHistory() throws Exception {
        JsonNode q = JSON.readTree(rig.get("/api/queues").body());

        assertThat(q.get("queues").findValuesAsText("name")).contains("kon-tasks", "kon-tasks-dead");
        assertThat(q.get("history").size()).isPositive();
    }

    static byte[] jpeg(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 90);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }
}
