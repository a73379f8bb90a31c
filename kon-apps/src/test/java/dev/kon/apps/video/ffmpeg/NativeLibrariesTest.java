package dev.kon.apps.video.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.apps.video.sample.SampleImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libavdevice links the system's libpulse.so.0, which a fresh machine lacks; encoding and probing must never load
 * it. Checked on the libraries this JVM has mapped after doing both.
 */
class NativeLibrariesTest {
    @TempDir
    Path dir;

    @Test
    void encodeAndProbe_loadCodecLibrariesButNeverAvdeviceOrPulse() throws IOException {
        Path file = dir.resolve("v.mkv");
        try (H264Encoder encoder = H264Encoder.open(file, VideoFormat.defaults().withSize(64, 64)
                .withContainer(Container.MKV))) {
            encoder.write(SampleImages.render(1, 64, 64));
            encoder.finish();
        }
        VideoProbe.frame(file, 0);

        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertThat(maps).contains("libavcodec.so", "libavformat.so", "libswscale.so", "libavutil.so")
                .doesNotContain("libavdevice", "libjniavdevice", "libpulse", "libavfilter");
    }
}
