package dev.kon.apps.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.apps.video.ffmpeg.VideoProbe;
import dev.kon.task.PermanentTaskFailure;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which image failures a {@code video} task tries again, and how often. */
class VideoRetryTest {
    private static BadImageServer server;

    @TempDir
    Path dir;
    private HandlerRig rig;

    @BeforeAll
    static void startServer() {
        server = BadImageServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        rig = new HandlerRig(dir);
    }

    @AfterEach
    void noTemporaryFilesAreLeft() {
        rig.assertNoTemporaryFilesLeft();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"503", "500", "502", "504", "429", "drop"})
    void handle_whenAnImageFailsTwiceWithATransientError_triesAgainAndMakesTheVideo(String how) throws Exception {
        String flaky = "/flaky/2/" + how + "/7.jpg";

        String output = rig.run("--size=320x180 retried " + server.url("flaky/0/503/1.jpg") + " "
                + server.url(flaky.substring(1)));

        assertThat(server.requests(flaky)).as("requests for the flaky image").isEqualTo(3);
        assertThat(VideoProbe.probe(Path.of(URI.create(output))).frames()).isEqualTo(2);
    }

    @Test
    void handle_whenAnImageFailsEveryTry_failsNamingTheImageAndTheTries() {
        String always = "/flaky/99/503/3.jpg";

        assertThatThrownBy(() -> rig.run("--size=320x180 unlucky " + server.url("flaky/0/503/1.jpg") + " "
                + server.url(always.substring(1))))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("image 2 of 2: HTTP 503, 3 tries (" + server.url(always.substring(1)) + ")");
        assertThat(server.requests(always)).isEqualTo(3);
        assertThat(rig.videos()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}")
    @ValueSource(ints = {404, 403, 410, 400})
    void handle_whenAnImageFailsPermanently_failsAfterOneRequest(int status) {
        String gone = "/flaky/99/" + status + "/4.jpg";

        assertThatThrownBy(() -> rig.run("--size=320x180 gone " + server.url(gone.substring(1))))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("image 1 of 1: HTTP " + status + " (" + server.url(gone.substring(1)) + ")");
        assertThat(server.requests(gone)).isEqualTo(1);
    }

    @Test
    void handle_whenAnImageIsNotAnImage_failsAfterOneRequest() {
        assertThatThrownBy(() -> rig.run("--size=320x180 text " + server.url("text")))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining("image 1 of 1: not an image");
        assertThat(server.requests("/text")).isEqualTo(1);
    }

    @Test
    void handle_whenAnImageTimesOut_triesAgainWithinTwiceTheTimeout() {
        HandlerRig impatient = new HandlerRig(dir.resolve("impatient"), 600, 1);
        int before = server.requests("/stall");
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.run("slow " + server.url("stall")))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining("image 1 of 1: no complete answer");

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(server.requests("/stall") - before).as("tries").isEqualTo(2);
        assertThat(millis).as("time to give up, ms").isBetween(1100L, 2000L);
        impatient.assertNoTemporaryFilesLeft();
    }
}
