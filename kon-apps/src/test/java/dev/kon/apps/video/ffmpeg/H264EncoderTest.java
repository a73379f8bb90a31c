package dev.kon.apps.video.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kon.apps.video.sample.SampleImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void write_whenFrameHasWrongSize_isRefused() {
        try (H264Encoder encoder = H264Encoder.open(dir.resolve("v.mp4"), VideoFormat.defaults().withSize(64, 64))) {
            assertThatThrownBy(() -> encoder.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB)))
                    .hasMessageContaining("frame must be 64x64, was 32x32");
        }
    }
}
