package dev.kon.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.apps.stats.StatsAnswer;
import dev.kon.task.TaskResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewJsonTest {
    @Test
    void cal_withLogLink_writesNumbersAsStringsAndTheLink() {
        StatsAnswer a = new StatsAnswer(3, BigDecimal.ONE, new BigDecimal("9"), new BigDecimal("4.5"),
                new BigDecimal("3.5"), "logs/cloudcal/x.json");

        assertThat(CalJson.of(a, "/api/blobs/abc")).isEqualTo("{\"count\":3,\"min\":\"1\",\"max\":\"9\","
                + "\"average\":\"4.5\",\"median\":\"3.5\",\"log\":\"logs/cloudcal/x.json\",\"logLink\":\"/api/blobs/abc\"}");
    }

    @Test
    void videoResult_ofPresignedUrl_readsItsExpiryFromTheSignature() {
        String url = "http://127.0.0.1:9000/b/videos/a.a1.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Date=20261201T101500Z&X-Amz-SignedHeaders=host&X-Amz-Expires=600&X-Amz-Signature=ab";

        VideoResult v = VideoResult.of("a", new TaskResult(1, TaskResult.SUCCESS, url + " (1 of 60 images left out)",
                "w", 0, 1));

        assertThat(v.url()).isEqualTo(url);
        assertThat(v.expiresAt()).isEqualTo(Instant.parse("2026-12-01T10:25:00Z"));
        assertThat(v.note()).isEqualTo("(1 of 60 images left out)");
    }

    @Test
    void videoJson_withScriptInAnError_escapesNothingAwayAndStaysJson() {
        VideoResult failed = VideoResult.of("j", new TaskResult(1, TaskResult.FAILURE, "<script>\"x\"</script>",
                "w", 0, 1));

        assertThat(VideoJson.of(List.of(failed, VideoResult.waiting("k")))).isEqualTo("{\"jobs\":2,\"made\":0,"
                + "\"videos\":[{\"job\":\"j\",\"state\":\"failed\",\"url\":null,\"expiresAt\":null,\"note\":null,"
                + "\"error\":\"<script>\\\"x\\\"</script>\"},{\"job\":\"k\",\"state\":\"waiting\",\"url\":null,"
                + "\"expiresAt\":null,\"note\":null,\"error\":null}]}");
    }
}
