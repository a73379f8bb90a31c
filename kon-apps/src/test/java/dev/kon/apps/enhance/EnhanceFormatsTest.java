package dev.kon.apps.enhance;

import static dev.kon.apps.enhance.TestImages.JpegOptions.baseline420;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.apps.enhance.FfmpegDecoder.Decoded;
import dev.kon.apps.enhance.TestImages.JpegOptions;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The format matrix: each input goes through the handler, and the output is decoded by FFmpeg (not javax.imageio)
 * and compared with Pillow's contrast definition applied to FFmpeg's decoding of the input. PNGs must match
 * exactly; JPEGs within re-encoding noise. Formats the worker cannot enhance are refused with a clear reason.
 */
class EnhanceFormatsTest {
    private static final int W = 64;
    private static final int H = 48;
    /** Re-encoding at quality 0.9 and FFmpeg's rounding: a mean of 1.81 measured for 4:2:0, 1.12 for 4:4:4. */
    private static final double MAX_MEAN_ERROR = 3.0;
    /** Chroma edges differ most (upsampling, amplified 1.8 times): 9 measured for 4:2:0; garbage differs by 100+. */
    private static final int MAX_P99_ERROR = 16;

    private final EnhanceHandler handler = new EnhanceHandler();
    private final EnhanceTaskContext ctx = new EnhanceTaskContext();

    static Stream<Arguments> jpegs() {
        BufferedImage photo = TestImages.photo(W, H);
        return Stream.of(
                Arguments.of("baseline 4:2:0", TestImages.jpeg(photo, baseline420())),
                Arguments.of("baseline 4:4:4", TestImages.jpeg(photo, baseline420().withFull444())),
                Arguments.of("progressive 4:2:0", TestImages.jpeg(photo, baseline420().withProgressive())),
                Arguments.of("progressive 4:4:4", TestImages.jpeg(photo, baseline420().withProgressive().withFull444())),
                Arguments.of("optimized Huffman 4:2:0", TestImages.jpeg(photo, baseline420().withOptimizedHuffman())),
                Arguments.of("optimized Huffman 4:4:4", TestImages.jpeg(photo, baseline420().withFull444().withOptimizedHuffman())),
                Arguments.of("progressive optimized", TestImages.jpeg(photo, baseline420().withProgressive().withOptimizedHuffman())),
                Arguments.of("restart markers", TestImages.jpeg(photo, baseline420().withRestartEvery(2))),
                Arguments.of("restart markers, optimized", TestImages.jpeg(photo, baseline420().withRestartEvery(3).withOptimizedHuffman())),
                Arguments.of("grey", TestImages.jpeg(TestImages.greyPhoto(W, H), baseline420())),
                Arguments.of("grey, optimized", TestImages.jpeg(TestImages.greyPhoto(W, H), baseline420().withOptimizedHuffman())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegs")
    void handle_jpeg_matchesTheDefinitionWithinReencodingNoise_inAnIndependentDecoder(String name, byte[] input) throws Exception {
        byte[] output = enhance(input, "in.jpg");

        Decoded before = FfmpegDecoder.decode(input);
        Decoded after = FfmpegDecoder.decode(output);
        assertThat(output).startsWith((byte) 0xFF, (byte) 0xD8);
        assertThat(after.width()).isEqualTo(W);
        assertThat(after.height()).isEqualTo(H);
        assertThat(after.channels()).as("grey stays grey, colour stays colour").isEqualTo(before.channels());
        int[] expected = PillowReference.enhance(before.samples(), before.channels(), before.channels(), "1.8");
        int[] errors = absoluteErrors(expected, after.samples());
        assertThat(Arrays.stream(errors).average().orElseThrow()).as("mean error").isLessThan(MAX_MEAN_ERROR);
        assertThat(errors[errors.length * 99 / 100]).as("99th percentile error").isLessThan(MAX_P99_ERROR);
    }

    static Stream<Arguments> pngs() {
        BufferedImage palette = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED);
        palette.getGraphics().drawImage(TestImages.photo(W, H), 0, 0, null);
        byte[] r = new byte[16];
        byte[] g = new byte[16];
        byte[] b = new byte[16];
        byte[] a = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 16);
            g[i] = (byte) (255 - i * 12);
            b[i] = (byte) (60 + i * 8);
            a[i] = (byte) (i * 17);
        }
        BufferedImage translucentPalette = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(4, 16, r, g, b, a));
        for (int i = 0; i < W * H; i++) {
            translucentPalette.getRaster().setSample(i % W, i / W, 0, (i * 7 + i / W) % 16);
        }
        return Stream.of(
                Arguments.of("8-bit RGB", TestImages.png(EnhanceHandlerTest.randomImage("rgb", W, H, 1))),
                Arguments.of("8-bit RGBA", TestImages.png(EnhanceHandlerTest.randomImage("rgba", W, H, 2))),
                Arguments.of("8-bit grey", TestImages.png(EnhanceHandlerTest.randomImage("grey", W, H, 3))),
                Arguments.of("8-bit grey + alpha", TestImages.png(EnhanceHandlerTest.randomImage("greyAlpha", W, H, 4))),
                Arguments.of("palette", TestImages.png(palette)),
                Arguments.of("4-bit palette with alpha", TestImages.png(translucentPalette)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pngs")
    void handle_png_matchesTheDefinitionExactly_inAnIndependentDecoder(String name, byte[] input) throws Exception {
        byte[] output = enhance(input, "in.png");

        Decoded before = FfmpegDecoder.decode(input);
        Decoded after = FfmpegDecoder.decode(output);
        assertThat(after.channels()).isEqualTo(before.channels());
        int colours = before.channels() <= 2 ? 1 : 3;
        assertThat(after.samples()).containsExactly(
                PillowReference.enhance(before.samples(), before.channels(), colours, "1.8"));
    }

    @Test
    void handle_cmykJpeg_isRefusedAskingForRgb() {
        ctx.blobs().putBytes("uploads/print.jpg", TestImages.cmykJpeg(W, H), "image/jpeg");

        assertThatThrownBy(() -> handler.handle(new Task(1, "enhance", "uploads/print.jpg enhanced/print.jpg 1.8"), ctx))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessage("cannot enhance 'uploads/print.jpg': CMYK JPEG is not supported; convert to RGB");
        assertThat(ctx.blobs().keys()).containsExactly("uploads/print.jpg");
    }

    @Test
    void handle_sixteenBitRgbPng_isRefusedAsUnsupported() {
        ctx.blobs().putBytes("uploads/deep.png", TestImages.png(TestImages.rgb16(W, H)), "image/png");

        assertThatThrownBy(() -> handler.handle(new Task(1, "enhance", "uploads/deep.png enhanced/deep.png 1.8"), ctx))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessage("cannot enhance 'uploads/deep.png': unsupported pixel format: 16 bits per sample (only 8)");
    }

    private byte[] enhance(byte[] input, String name) throws Exception {
        ctx.blobs().putBytes("uploads/" + name, input, "application/octet-stream");
        String output = handler.handle(new Task(1, "enhance", "uploads/" + name + " enhanced/" + name + " 1.8"), ctx);
        return ctx.blobs().getBytes(EnhanceAnswer.parse(output).key());
    }

    /** |expected - actual| per sample, sorted. */
    private static int[] absoluteErrors(int[] expected, int[] actual) {
        assertThat(actual).hasSameSizeAs(expected);
        int[] errors = new int[expected.length];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.abs(expected[i] - actual[i]);
        }
        Arrays.sort(errors);
        return errors;
    }
}
