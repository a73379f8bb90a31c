package dev.kon.apps.enhance;

import static dev.kon.apps.enhance.EnhanceHandlerTest.encode;
import static dev.kon.apps.enhance.EnhanceHandlerTest.randomImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.apps.stats.TestTaskContext;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every way a request can be refused: each a permanent failure with its reason, and nothing written. */
class EnhanceGuardsTest {
    private final TestTaskContext ctx = new TestTaskContext();
    private final byte[] png = encode(randomImage("rgb", 10, 10, 5), "png");

    @Test
    void inputOutsideTheInputPrefix_isRefused_byValidateAndByHandle() {
        ctx.blobs().putBytes("logs/secret.png", png, "image/png");
        String args = "logs/secret.png enhanced/x.png 1.8";

        assertThat(new EnhanceHandler().validate(args)).isEqualTo("input key must start with 'uploads/', was 'logs/secret.png'");
        refused(new EnhanceHandler(), args).hasMessage("input key must start with 'uploads/', was 'logs/secret.png'");
    }

    @Test
    void outputOutsideTheOutputPrefix_isRefused() {
        ctx.blobs().putBytes("uploads/x.png", png, "image/png");

        refused(new EnhanceHandler(), "uploads/x.png logs/cloudcal/x.png 1.8")
                .hasMessage("output key must start with 'enhanced/', was 'logs/cloudcal/x.png'");
    }

    @Test
    void malformedArguments_areRefusedWithTheirReason() {
        EnhanceHandler handler = new EnhanceHandler();

        assertThat(handler.validate("uploads/x.png enhanced/x.png 1.8")).isNull();
        assertThat(handler.validate("uploads/x.png")).isEqualTo("expected INPUT_KEY OUTPUT_KEY FACTOR, got 1 argument");
        assertThat(handler.validate("uploads/x.png enhanced/x.png abc"))
                .isEqualTo("factor must be a decimal from 0 to 1000, was 'abc'");
        refused(handler, "uploads/../x.png enhanced/x.png 1.8").hasMessageStartingWith("input key: ");
    }

    @Test
    void missingKey_failsWithNoSuchImage() {
        refused(new EnhanceHandler(), "uploads/nope.png enhanced/nope.png 1.8").hasMessage("no such image: uploads/nope.png");
    }

    @Test
    void bytesThatAreNoImage_failAsUnreadable() {
        ctx.blobs().putBytes("uploads/text.png", "hello, not a picture".getBytes(StandardCharsets.UTF_8), "image/png");

        refused(new EnhanceHandler(), "uploads/text.png enhanced/text.png 1.8")
                .hasMessageStartingWith("unreadable image 'uploads/text.png': not an image in a format this worker reads (");
    }

    @Test
    void truncatedPng_failsAsUnreadable() {
        ctx.blobs().putBytes("uploads/cut.png", Arrays.copyOf(png, png.length / 2), "image/png");

        refused(new EnhanceHandler(), "uploads/cut.png enhanced/cut.png 1.8")
                .hasMessageStartingWith("unreadable image 'uploads/cut.png': ");
    }

    @Test
    void truncatedJpeg_failsAsTruncatedOrCorrupt() {
        byte[] jpeg = TestImages.jpeg(TestImages.photo(640, 480), TestImages.JpegOptions.baseline420());
        assertThat(jpeg.length).as("a file far longer than the part kept").isGreaterThan(20_000);
        ctx.blobs().putBytes("uploads/cut.jpg", Arrays.copyOf(jpeg, 3000), "image/jpeg");

        refused(new EnhanceHandler(), "uploads/cut.jpg enhanced/cut.jpg 1.8")
                .hasMessageStartingWith("unreadable image 'uploads/cut.jpg': image is truncated or corrupt: ");
    }

    @Test
    void jpegWithGarbageInItsScan_failsAsTruncatedOrCorrupt() {
        byte[] jpeg = TestImages.jpeg(TestImages.photo(640, 480), TestImages.JpegOptions.baseline420());
        for (int i = jpeg.length / 2; i < jpeg.length / 2 + 64; i++) {
            jpeg[i] = (byte) (i * 37);
        }
        ctx.blobs().putBytes("uploads/bad.jpg", jpeg, "image/jpeg");

        refused(new EnhanceHandler(), "uploads/bad.jpg enhanced/bad.jpg 1.8")
                .hasMessageStartingWith("unreadable image 'uploads/bad.jpg': image is truncated or corrupt: ");
    }

    @Test
    void pngWhoseHeaderClaimsTenGigapixels_isRefusedFromTheHeader_withoutDecoding() {
        // No pixel data at all: decoding would fail differently (or need 30 GB); the header check comes first.
        ctx.blobs().putBytes("uploads/bomb.png", pngHeaderOnly(100_000, 100_000), "image/png");

        refused(new EnhanceHandler(), "uploads/bomb.png enhanced/bomb.png 1.8")
                .hasMessage("image 'uploads/bomb.png' is too large: 100000x100000 is 10000000000 pixels (at most 100000000)");
    }

    @Test
    void moreBytesThanTheLimit_isRefused_andExactlyTheLimitIsAccepted() throws IOException {
        ctx.blobs().putBytes("uploads/x.png", png, "image/png");

        refused(new EnhanceHandler(EnhanceConfig.defaults().withMaxBytes(png.length - 1)), "uploads/x.png enhanced/x.png 1.8")
                .hasMessage("image 'uploads/x.png' is too large: over the limit of " + (png.length - 1) + " bytes");
        assertThat(new EnhanceHandler(EnhanceConfig.defaults().withMaxBytes(png.length))
                .handle(new Task(2, "enhance", "uploads/x.png enhanced/x.png 1.8"), ctx)).isEqualTo("enhanced/x.a1.png 10x10 png");
    }

    @Test
    void morePixelsThanTheLimit_isRefused() {
        ctx.blobs().putBytes("uploads/x.png", png, "image/png");

        refused(new EnhanceHandler(EnhanceConfig.defaults().withMaxPixels(99)), "uploads/x.png enhanced/x.png 1.8")
                .hasMessage("image 'uploads/x.png' is too large: 10x10 is 100 pixels (at most 99)");
    }

    @Test
    void sixteenBitPng_isRefusedAsUnsupported() {
        ctx.blobs().putBytes("uploads/deep.png", encode(new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY), "png"), "image/png");

        refused(new EnhanceHandler(), "uploads/deep.png enhanced/deep.png 1.8")
                .hasMessage("cannot enhance 'uploads/deep.png': unsupported pixel format: 16 bits per sample (only 8)");
    }

    @Test
    void config_refusesNonsenseLimits_namingFieldAndUnit() {
        assertThatThrownBy(() -> EnhanceConfig.defaults().withMaxBytes(0))
                .hasMessage("maxBytes must be between 1 and 2147483631 bytes, was 0 bytes");
        assertThatThrownBy(() -> EnhanceConfig.defaults().withMaxPixels(-1))
                .hasMessage("maxPixels must be >= 1 pixel, was -1 pixels");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(EnhanceHandler handler, String args) {
        var keysBefore = ctx.blobs().keys();
        var assertion = assertThatThrownBy(() -> handler.handle(new Task(1, "enhance", args), ctx))
                .isInstanceOf(PermanentTaskFailure.class);
        assertThat(ctx.blobs().keys()).as("nothing written").isEqualTo(keysBefore);
        return assertion;
    }

    /** A PNG signature, an IHDR for an 8-bit RGB image of the given size with a correct CRC, and IEND. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .put(data).putInt((int) crc.getValue()).array();
    }
}
