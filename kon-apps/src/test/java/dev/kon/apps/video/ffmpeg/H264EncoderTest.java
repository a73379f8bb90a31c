package dev.kon.apps.video.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kon.apps.video.sample.SampleImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class H264EncoderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Container.class)
    void encode_whenTwelveFramesAtTwoFps_lastsSixSecondsAndDecodesToTheSourceFrames(Container container) {
        VideoFormat format = VideoFormat.defaults().withSize(640, 360).withFps(new FrameRate(2, 1))
                .withContainer(container);
        Path file = dir.resolve("v." + container.extension());
        try (H264Encoder encoder = H264Encoder.open(file, format)) {
            for (int i = 0; i < 12; i++) {
                encoder.write(SampleImages.render(i, 640, 360));
            }
            encoder.finish();
        }

        VideoInfo info = VideoProbe.probe(file);
        assertThat(info.durationSeconds()).isCloseTo(6.0, within(0.01));
        assertThat(info.frames()).isEqualTo(12);
        assertThat(info.width()).isEqualTo(640);
        assertThat(info.height()).isEqualTo(360);
        assertThat(info.codec()).isEqualTo("h264");
        assertThat(info.pixelFormat()).isEqualTo("yuv420p");
        BufferedImage decoded = VideoProbe.frame(file, 5);
        assertThat(ImageDifference.meanAbsolute(decoded, SampleImages.render(5, 640, 360))).isLessThan(10);
        assertThat(ImageDifference.meanAbsolute(decoded, SampleImages.render(6, 640, 360))).isGreaterThan(30);
    }

    @Test
    void frame_whenIndexPastTheEnd_isRefusedNamingTheCount() {
        Path file = dir.resolve("short.mkv");
        try (H264Encoder encoder = H264Encoder.open(file, VideoFormat.defaults().withSize(64, 64)
                .withContainer(Container.MKV))) {
            encoder.write(SampleImages.render(0, 64, 64));
            encoder.finish();
        }

        assertThatThrownBy(() -> VideoProbe.frame(file, 3)).hasMessageContaining("has 1 frames, no frame 3");
    }

    @Test
    void open_whenFolderMissing_failsNamingTheFileAndFreesEverything() {
        Path file = dir.resolve("missing/v.mp4");

        assertThatThrownBy(() -> H264Encoder.open(file, VideoFormat.defaults())).isInstanceOf(FfmpegException.class)
                .hasMessageContaining(file.toString());
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void finish_whenCancelledWhileFlushingASlowPreset_stopsWithinOneSecond() throws Exception {
        // At "medium" libx264 holds ~40 frames in its look-ahead; flushing them at 1080p takes over a second here.
        AtomicBoolean cancelled = new AtomicBoolean();
        VideoFormat format = VideoFormat.defaults().withPreset("medium");
        try (H264Encoder encoder = H264Encoder.open(dir.resolve("slow.mp4"), format, cancelled::get)) {
            for (int i = 0; i < 45; i++) {
                encoder.write(SampleImages.render(i % 5, 1920, 1080));
            }
            CompletableFuture<Throwable> finished = CompletableFuture.supplyAsync(() -> {
                try {
                    encoder.finish();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThatThrownBy(() -> finished.get(100, TimeUnit.MILLISECONDS)).as("finish still flushing 100 ms in")
                    .isInstanceOf(TimeoutException.class);
            long start = System.nanoTime();
            cancelled.set(true);

            Throwable outcome = finished.get(30, TimeUnit.SECONDS);

            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("finish of a medium-preset 1080p video cancelled: ended %d ms later%n", millis);
            assertThat(millis).as("ms from cancel to the end of finish").isLessThan(1000);
            assertThat(outcome).isInstanceOf(CancellationException.class).hasMessageContaining("after 45 frames");
        }
    }

    @Test
    void write_whenCancelled_refusesTheFrame() {
        try (H264Encoder encoder = H264Encoder.open(dir.resolve("v.mp4"), VideoFormat.defaults().withSize(64, 64),
                () -> true)) {
            assertThatThrownBy(() -> encoder.write(SampleImages.render(0, 64, 64)))
                    .isInstanceOf(CancellationException.class).hasMessage("encoding cancelled after 0 frames");
        }
    }

    @Test
    void write_whenFrameHasWrongSize_isRefused() {
        try (H264Encoder encoder = H264Encoder.open(dir.resolve("v.mp4"), VideoFormat.defaults().withSize(64, 64))) {
            assertThatThrownBy(() -> encoder.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB)))
                    .hasMessageContaining("frame must be 64x64, was 32x32");
        }
    }
}
