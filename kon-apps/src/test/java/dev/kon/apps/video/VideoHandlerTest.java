package dev.kon.apps.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kon.apps.video.ffmpeg.Container;
import dev.kon.apps.video.ffmpeg.Frames;
import dev.kon.apps.video.ffmpeg.ImageDifference;
import dev.kon.apps.video.ffmpeg.VideoInfo;
import dev.kon.apps.video.ffmpeg.VideoProbe;
import dev.kon.apps.video.sample.SampleImageServer;
import dev.kon.apps.video.sample.SampleImages;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.RetryLaterException;
import dev.kon.task.Task;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VideoHandlerTest {
    private static SampleImageServer images;
    private static BadImageServer bad;

    @TempDir
    Path dir;
    private HandlerRig rig;

    @BeforeAll
    static void startServers() {
        images = SampleImageServer.start(0, 60);
        images.warmUp();
        bad = BadImageServer.start();
    }

    @AfterAll
    static void stopServers() {
        images.close();
        bad.close();
    }

    @BeforeEach
    void setUp() {
        rig = new HandlerRig(dir);
    }

    @AfterEach
    void noTemporaryFilesAreLeft() {
        rig.assertNoTemporaryFilesLeft();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void handle_whenSixtyImages_makesASixtySecondVideoShowingEachImageInTurn(Container container) throws Exception {
        String args = "--container=" + container.extension() + " job1 " + urls(0, 60);

        long start = System.nanoTime();
        String output = rig.run(args);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("video job of 60 images (%s, loopback + encode + file blobs): %d ms%n", container, millis);

        assertThat(rig.videos()).containsExactly("videos/job1.a1." + container.extension());
        Path video = Path.of(URI.create(output));
        VideoInfo info = VideoProbe.probe(video);
        assertThat(info.durationSeconds()).isCloseTo(60.0, within(0.1));
        assertThat(info.frames()).isEqualTo(60);
        assertThat(info.width()).isEqualTo(1920);
        assertThat(info.height()).isEqualTo(1080);
        assertThat(info.codec()).isEqualTo("h264");
        BufferedImage frame10 = VideoProbe.frame(video, 10);
        assertThat(ImageDifference.meanAbsolute(frame10, SampleImages.render(10))).isLessThan(10);
        assertThat(ImageDifference.meanAbsolute(frame10, SampleImages.render(11))).isGreaterThan(30);
    }

    @Test
    void handle_whenNothingListensOnThePort_failsPermanentlyNamingTheImageAndUrl() throws Exception {
        String url = "http://127.0.0.1:" + freePort() + "/a.jpg";

        assertThatThrownBy(() -> rig.run("dead " + urls(0, 2) + " " + url))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("image 3 of 3: connection refused, 3 tries (" + url + ")");
    }

    @Test
    void handle_whenUrlAnswers404_failsPermanentlyNamingTheImageUrlAndStatus() {
        String url = images.baseUrl().resolve("nothing-here.jpg").toString();

        assertThatThrownBy(() -> rig.run("missing " + url))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining("image 1 of 1: HTTP 404 (" + url + ")");
    }

    @Test
    void handle_whenUrlServesText_failsPermanentlyNamingTheUrlAsNotAnImage() {
        String url = bad.url("text").toString();

        assertThatThrownBy(() -> rig.run("text " + url))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining(url)
                .hasMessageContaining("image 1 of 1: not an image").hasMessageContaining("text/plain");
    }

    @Test
    void handle_whenServerNeverAnswers_failsAfterTheTimeoutNamingTheUrl() {
        HandlerRig impatient = new HandlerRig(dir.resolve("impatient"), 500, 1);
        String url = bad.url("stall").toString();

        assertThatThrownBy(() -> impatient.run("slow " + url))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining(url).hasMessageContaining("within");
        impatient.assertNoTemporaryFilesLeft();
    }

    @Test
    void handle_whenOneImageOfManyIsGone_failsByDefaultNamingItAndStoresNothing() {
        String dead = images.baseUrl().resolve("gone.jpg").toString();
        String args = "--size=640x360 short " + urls(0, 2) + " " + dead + " " + urls(2, 5);

        assertThatThrownBy(() -> rig.run(args)).isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("image 3 of 6: HTTP 404 (" + dead + ")");
        assertThat(rig.videos()).isEmpty();
    }

    @Test
    void handle_whenMissingImagesAreAllowed_leavesThemOutAndSaysHowManyInItsOutput() throws Exception {
        String dead = images.baseUrl().resolve("gone.jpg").toString();
        String args = "--size=640x360 --fps=2 --allow-missing=1 partial " + urls(0, 1) + " " + dead + " "
                + urls(1, 2);

        String output = rig.run(args);

        assertThat(output).endsWith(" (1 of 3 images left out: image 2: HTTP 404)");
        VideoInfo info = VideoProbe.probe(Path.of(URI.create(output.substring(0, output.indexOf(' ')))));
        assertThat(info.frames()).isEqualTo(2);
        assertThat(info.durationSeconds()).isCloseTo(1.0, within(0.01));
    }

    @Test
    void handle_whenMoreImagesAreMissingThanAllowed_failsNamingThem() {
        String dead1 = images.baseUrl().resolve("gone1.jpg").toString();
        String dead2 = images.baseUrl().resolve("gone2.jpg").toString();
        String args = "--size=640x360 --allow-missing=1 two " + dead1 + " " + urls(0, 1) + " " + dead2;

        assertThatThrownBy(() -> rig.run(args)).isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("2 of 3 images unusable, at most 1 allowed")
                .hasMessageContaining("image 1 of 3: HTTP 404 (" + dead1 + ")")
                .hasMessageContaining("image 3 of 3: HTTP 404 (" + dead2 + ")");
        assertThat(rig.videos()).isEmpty();
    }

    @Test
    void handle_whenEveryImageIsMissingButAllowed_failsForWantOfAFrame() {
        String dead = images.baseUrl().resolve("gone.jpg").toString();

        assertThatThrownBy(() -> rig.run("--allow-missing=5 none " + dead)).isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("no usable image").hasMessageContaining("image 1 of 1: HTTP 404");
    }

    @Test
    void handle_whenTheUrlIsVeryLong_shortensItInTheMessage() {
        String url = images.baseUrl().resolve("x".repeat(1000) + ".jpg").toString();

        assertThatThrownBy(() -> rig.run("long " + url)).isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("image 1 of 1: HTTP 404 (" + url.substring(0, 100))
                .hasMessageNotContaining("x".repeat(201))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(Excerpt.MAX_CHARS + 120));
    }

    @Test
    void handle_whenImageIsInTheBlobStoreAndOtherShape_letterboxesIt() throws Exception {
        rig.blobs.putBytes("inputs/square.jpg", SampleImages.jpeg(SampleImages.render(3, 400, 400)), "image/jpeg");

        String output = rig.run("--size=320x180 boxed s3://any-bucket/inputs/square.jpg");

        BufferedImage frame = VideoProbe.frame(Path.of(URI.create(output)), 0);
        assertThat(brightness(frame.getRGB(20, 90))).as("left bar").isLessThan(20);
        assertThat(brightness(frame.getRGB(300, 90))).as("right bar").isLessThan(20);
        BufferedImage expected = Frames.fit(SampleImages.render(3, 400, 400), 320, 180);
        assertThat(ImageDifference.meanAbsolute(frame, expected)).isLessThan(10);
    }

    @Test
    void handle_whenBlobIsMissing_failsNamingTheKey() {
        assertThatThrownBy(() -> rig.run("x s3://b/inputs/none.jpg"))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("image 1 of 1: no object under key 'inputs/none.jpg' (s3://b/inputs/none.jpg)");
    }

    @Test
    void handle_ofAttemptThree_storesTheVideoUnderAKeyNamingTheAttemptAndAnswersItsUrl() throws Exception {
        HandlerRig third = new HandlerRig(dir.resolve("third"), 30_000, 3);

        String output = third.run("--size=320x180 fenced " + urls(0, 1));

        assertThat(third.videos()).containsExactly("videos/fenced.a3.mp4");
        assertThat(output).isEqualTo(third.blobs.shareableUrl("videos/fenced.a3.mp4",
                VideoRequest.DEFAULT_EXPIRY).toString());
    }

    @Test
    void handle_whenAStaleAttemptFinishesLast_leavesTheCompletingAttemptsVideoAlone() throws Exception {
        HandlerRig third = new HandlerRig(dir.resolve("fenced"), 30_000, 3);
        VideoTaskContext second = new VideoTaskContext(third.blobs, 2);
        String completing = third.run("--size=320x180 same " + urls(0, 1));
        byte[] completed = third.blobs.getBytes("videos/same.a3.mp4");

        third.handler.handle(new Task(1, "video", "--size=320x180 same " + urls(5, 7)), second);

        assertThat(third.blobs.getBytes("videos/same.a3.mp4")).isEqualTo(completed);
        assertThat(VideoProbe.probe(Path.of(URI.create(completing))).frames()).isEqualTo(1);
        assertThat(third.videos()).containsExactly("videos/same.a2.mp4", "videos/same.a3.mp4");
    }

    @Test
    void handle_whenCancelled_asksForRetryAndLeavesNothing() {
        rig.ctx.cancel();

        assertThatThrownBy(() -> rig.run("c " + urls(0, 3)))
                .isInstanceOf(RetryLaterException.class).hasMessageContaining("cancelled");
        assertThat(rig.videos()).isEmpty();
    }

    @Test
    void handle_whenArgumentsAreBad_failsPermanentlyWithTheReason() {
        assertThatThrownBy(() -> rig.run("--fps=0 x http://h/a.jpg"))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining("--fps=0");
    }

    private static String urls(int from, int to) {
        List<String> urls = new ArrayList<>();
        for (int i = from; i < to; i++) {
            urls.add(images.imageUrl(i).toString());
        }
        return String.join(" ", urls);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int brightness(int rgb) {
        return ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3;
    }
}
