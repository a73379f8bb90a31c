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
import dev.kon.blob.FileSystemBlobStore;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.RetryLaterException;
import dev.kon.task.Task;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
    private Path temp;
    private FileSystemBlobStore blobs;
    private VideoTaskContext ctx;
    private VideoHandler handler;

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
    void setUp() throws IOException {
        temp = Files.createDirectories(dir.resolve("tmp"));
        blobs = new FileSystemBlobStore(dir.resolve("blobs"));
        ctx = new VideoTaskContext(blobs);
        handler = new VideoHandler(temp);
    }

    @AfterEach
    void noTemporaryFilesAreLeft() throws IOException {
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).as("left in " + temp).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void handle_whenSixtyImages_makesASixtySecondVideoShowingEachImageInTurn(Container container) throws Exception {
        String args = "--container=" + container.extension() + " job1 " + urls(0, 60);

        long start = System.nanoTime();
        String output = handler.handle(new Task(1, "video", args), ctx);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("video job of 60 images (%s, loopback + encode + file blobs): %d ms%n", container, millis);

        assertThat(blobs.exists("videos/job1." + container.extension())).isTrue();
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
    void handle_whenNothingListensOnThePort_failsPermanentlyNamingTheUrl() throws Exception {
        String url = "http://127.0.0.1:" + freePort() + "/a.jpg";

        assertThatThrownBy(() -> handler.handle(new Task(1, "video", "dead " + url), ctx))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining(url)
                .hasMessageContaining("could not connect");
    }

    @Test
    void handle_whenUrlAnswers404_failsPermanentlyNamingTheUrlAndStatus() {
        String url = images.baseUrl().resolve("nothing-here.jpg").toString();

        assertThatThrownBy(() -> handler.handle(new Task(1, "video", "missing " + url), ctx))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining(url + " (HTTP 404)");
    }

    @Test
    void handle_whenUrlServesText_failsPermanentlyNamingTheUrlAsNotAnImage() {
        String url = bad.url("text").toString();

        assertThatThrownBy(() -> handler.handle(new Task(1, "video", "text " + url), ctx))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining(url)
                .hasMessageContaining("not an image").hasMessageContaining("text/plain");
    }

    @Test
    void handle_whenServerNeverAnswers_failsAfterTheTimeoutNamingTheUrl() {
        VideoHandler impatient = new VideoHandler(temp, java.time.Duration.ofMillis(500));
        String url = bad.url("stall").toString();

        assertThatThrownBy(() -> impatient.handle(new Task(1, "video", "slow " + url), ctx))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining(url).hasMessageContaining("within");
    }

    @Test
    void handle_whenFewerUsableImagesThanMinimum_failsNamingTheUnusableUrls() {
        String dead = images.baseUrl().resolve("gone.jpg").toString();
        String args = "--min-images=3 short " + urls(0, 2) + " " + dead;

        assertThatThrownBy(() -> handler.handle(new Task(1, "video", args), ctx))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("needs at least 3 usable image(s) of 3, but 1 failed")
                .hasMessageContaining(dead + " (HTTP 404)");
        assertThat(blobs.exists("videos/short.mp4")).isFalse();
    }

    @Test
    void handle_whenSomeImagesUnusableButMinimumMet_leavesThemOut() throws Exception {
        String dead = images.baseUrl().resolve("gone.jpg").toString();
        String args = "--size=640x360 --fps=2 partial " + urls(0, 1) + " " + dead + " " + urls(1, 2);

        Path video = Path.of(URI.create(handler.handle(new Task(1, "video", args), ctx)));

        VideoInfo info = VideoProbe.probe(video);
        assertThat(info.frames()).isEqualTo(2);
        assertThat(info.durationSeconds()).isCloseTo(1.0, within(0.01));
    }

    @Test
    void handle_whenImageIsInTheBlobStoreAndOtherShape_letterboxesIt() throws Exception {
        blobs.putBytes("inputs/square.jpg", SampleImages.jpeg(SampleImages.render(3, 400, 400)), "image/jpeg");

        String output = handler.handle(new Task(1, "video", "--size=320x180 boxed s3://any-bucket/inputs/square.jpg"),
                ctx);

        BufferedImage frame = VideoProbe.frame(Path.of(URI.create(output)), 0);
        assertThat(brightness(frame.getRGB(20, 90))).as("left bar").isLessThan(20);
        assertThat(brightness(frame.getRGB(300, 90))).as("right bar").isLessThan(20);
        BufferedImage expected = Frames.fit(SampleImages.render(3, 400, 400), 320, 180);
        assertThat(ImageDifference.meanAbsolute(frame, expected)).isLessThan(10);
    }

    @Test
    void handle_whenBlobIsMissing_failsNamingTheKey() {
        assertThatThrownBy(() -> handler.handle(new Task(1, "video", "x s3://b/inputs/none.jpg"), ctx))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining("s3://b/inputs/none.jpg")
                .hasMessageContaining("no object under key 'inputs/none.jpg'");
    }

    @Test
    void handle_whenCancelled_asksForRetryAndLeavesNothing() {
        ctx.cancel();

        assertThatThrownBy(() -> handler.handle(new Task(1, "video", "c " + urls(0, 3)), ctx))
                .isInstanceOf(RetryLaterException.class).hasMessageContaining("cancelled");
        assertThat(blobs.exists("videos/c.mp4")).isFalse();
    }

    @Test
    void handle_whenArgumentsAreBad_failsPermanentlyWithTheReason() {
        assertThatThrownBy(() -> handler.handle(new Task(1, "video", "--fps=0 x http://h/a.jpg"), ctx))
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
