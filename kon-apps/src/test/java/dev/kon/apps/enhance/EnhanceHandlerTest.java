package dev.kon.apps.enhance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.apps.stats.TestTaskContext;
import dev.kon.task.Task;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole requests through the blob store: pixels, formats, modes. The guards are in {@link EnhanceGuardsTest}. */
class EnhanceHandlerTest {
    private final EnhanceHandler handler = new EnhanceHandler();
    private final TestTaskContext ctx = new TestTaskContext();

    @ParameterizedTest(name = "{0} x{1}")
    @CsvSource({
        "rgb,  1.8", "rgb,  1.0", "rgb,  0", "rgb,  0.5",
        "grey, 1.8", "grey, 1.0", "grey, 0",
        "rgba, 1.8", "rgba, 1.0", "rgba, 0",
        "greyAlpha, 1.8",
    })
    void handle_png_matchesPillowsDefinition_andKeepsModeAndSize(String mode, String factor) throws IOException {
        BufferedImage input = randomImage(mode, 37, 23, 42);
        int[] before = ContrastTest.samples(input);
        ctx.blobs().putBytes("uploads/a/in.png", encode(input, "png"), "image/png");

        String output = handler.handle(new Task(1, "enhance", "uploads/a/in.png enhanced/a/in-enhanced.png " + factor), ctx);

        assertThat(output).isEqualTo("enhanced/a/in-enhanced.a1.png 37x23 png");
        BufferedImage result = ImageIO.read(new ByteArrayInputStream(ctx.blobs().getBytes("enhanced/a/in-enhanced.a1.png")));
        assertThat(result.getType()).isEqualTo(input.getType());
        assertThat(result.getColorModel().getNumComponents()).isEqualTo(input.getColorModel().getNumComponents());
        int bands = input.getRaster().getNumBands();
        int colours = input.getColorModel().getNumColorComponents();
        assertThat(ContrastTest.samples(result)).containsExactly(PillowReference.enhance(before, bands, colours, factor));
    }

    @Test
    void handle_factorZero_givesOneUniformGrey_andFactorOne_theSamePixels() throws IOException {
        BufferedImage input = randomImage("rgb", 16, 16, 7);
        ctx.blobs().putBytes("uploads/b.png", encode(input, "png"), "image/png");

        handler.handle(new Task(1, "enhance", "uploads/b.png enhanced/flat.png 0"), ctx);
        handler.handle(new Task(2, "enhance", "uploads/b.png enhanced/same.png 1"), ctx);

        int grey = Contrast.greyLevel(input);
        assertThat(ContrastTest.samples(decode("enhanced/flat.a1.png"))).containsOnly(grey);
        assertThat(ContrastTest.samples(decode("enhanced/same.a1.png"))).containsExactly(ContrastTest.samples(input));
    }

    @Test
    void handle_jpeg_staysJpegOfTheSameSize_withMoreContrast() throws IOException {
        BufferedImage input = gradient(64, 48);
        byte[] jpeg = encode(input, "jpeg");
        ctx.blobs().putBytes("uploads/c/photo.jpg", jpeg, "image/jpeg");

        String output = handler.handle(new Task(1, "enhance", "uploads/c/photo.jpg enhanced/c/photo-enhanced.jpg 1.8"), ctx);

        assertThat(EnhanceAnswer.parse(output)).isEqualTo(new EnhanceAnswer("enhanced/c/photo-enhanced.a1.jpg", 64, 48, "jpeg"));
        byte[] bytes = ctx.blobs().getBytes("enhanced/c/photo-enhanced.a1.jpg");
        assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xD8);
        BufferedImage result = decode("enhanced/c/photo-enhanced.a1.jpg");
        assertThat(result.getWidth()).isEqualTo(64);
        assertThat(result.getHeight()).isEqualTo(48);
        assertThat(spread(result)).isGreaterThan(spread(ImageIO.read(new ByteArrayInputStream(jpeg))) * 3 / 2);
    }

    @Test
    void handle_twelveMegapixelJpeg_works() throws IOException {
        ctx.blobs().putBytes("uploads/big.jpg", encode(gradient(4000, 3000), "jpeg"), "image/jpeg");

        String output = handler.handle(new Task(1, "enhance", "uploads/big.jpg enhanced/big-enhanced.jpg 1.8"), ctx);

        assertThat(output).isEqualTo("enhanced/big-enhanced.a1.jpg 4000x3000 jpeg");
    }

    @Test
    void handle_greyJpeg_staysGrey() throws IOException {
        BufferedImage input = randomImage("grey", 32, 32, 3);
        ctx.blobs().putBytes("uploads/g.jpg", encode(input, "jpeg"), "image/jpeg");

        handler.handle(new Task(1, "enhance", "uploads/g.jpg enhanced/g.jpg 1.8"), ctx);

        assertThat(decode("enhanced/g.a1.jpg").getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }

    @Test
    void handle_palettePng_staysAPalettePng_withTheSameIndices() throws IOException {
        BufferedImage input = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED);
        int[] indices = new Random(9).ints(64, 0, 256).toArray();
        input.getRaster().setPixels(0, 0, 8, 8, indices);
        ctx.blobs().putBytes("uploads/p.png", encode(input, "png"), "image/png");

        handler.handle(new Task(1, "enhance", "uploads/p.png enhanced/p.png 1.8"), ctx);

        BufferedImage result = decode("enhanced/p.a1.png");
        assertThat(result.getColorModel()).isInstanceOf(IndexColorModel.class);
        assertThat(ContrastTest.samples(result)).containsExactly(indices);
        int[] table = Contrast.table(Contrast.greyLevel(input), 1.8);
        IndexColorModel before = (IndexColorModel) input.getColorModel();
        IndexColorModel after = (IndexColorModel) result.getColorModel();
        for (int i : indices) {
            assertThat(after.getRed(i)).isEqualTo(table[before.getRed(i)]);
            assertThat(after.getGreen(i)).isEqualTo(table[before.getGreen(i)]);
        }
    }

    @Test
    void handle_configuredPrefixes_areHonoured() throws IOException {
        EnhanceHandler custom = new EnhanceHandler(EnhanceConfig.defaults().withInputPrefix("in/").withOutputPrefix("out/"));
        ctx.blobs().putBytes("in/x.png", encode(randomImage("rgb", 4, 4, 1), "png"), "image/png");

        assertThat(custom.handle(new Task(1, "enhance", "in/x.png out/x.png 1.8"), ctx)).isEqualTo("out/x.a1.png 4x4 png");
        assertThat(custom.validate("uploads/x.png enhanced/x.png 1.8")).isEqualTo(
                "input key must start with 'in/', was 'uploads/x.png'");
    }

    @Test
    void handle_writesUnderItsAttemptsKey_soAStaleAttemptCannotOverwriteTheCompletingOne() throws IOException {
        EnhanceTaskContext second = new EnhanceTaskContext();
        EnhanceTaskContext stale = new EnhanceTaskContext(second.blobs(), 1);
        second.blobs().putBytes("uploads/f/cat.png", encode(randomImage("rgb", 8, 8, 5), "png"), "image/png");
        String args = "uploads/f/cat.png enhanced/f/cat-enhanced.png ";

        String completed = handler.handle(new Task(1, "enhance", args + "1.8"), new EnhanceTaskContext(second.blobs(), 2));
        byte[] result = second.blobs().getBytes("enhanced/f/cat-enhanced.a2.png");
        // The first attempt, whose lease expired while it was frozen, wakes up and finishes with other pixels.
        String late = handler.handle(new Task(1, "enhance", args + "0.5"), stale);

        assertThat(completed).isEqualTo("enhanced/f/cat-enhanced.a2.png 8x8 png");
        assertThat(late).isEqualTo("enhanced/f/cat-enhanced.a1.png 8x8 png");
        assertThat(second.blobs().getBytes("enhanced/f/cat-enhanced.a2.png")).isEqualTo(result);
        assertThat(second.blobs().exists("enhanced/f/cat-enhanced.png")).isFalse();
    }

    @Test
    void serviceFile_listsTheEnhanceHandler_whichServiceLoaderCanBuild() throws Exception {
        assertThat(TestTaskContext.serviceFileLines()).contains(EnhanceHandler.class.getName());
        assertThat(EnhanceHandler.class.getConstructor().newInstance().type()).isEqualTo("enhance");
    }

    /** A random image: {@code rgb}, {@code grey}, {@code rgba} or {@code greyAlpha} (PNG grey + alpha). */
    static BufferedImage randomImage(String mode, int width, int height, long seed) {
        BufferedImage image = switch (mode) {
            case "rgb" -> new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            case "grey" -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            case "rgba" -> new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
            case "greyAlpha" -> {
                ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                        Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
                yield new BufferedImage(cm, cm.createCompatibleWritableRaster(width, height), false, null);
            }
            default -> throw new IllegalArgumentException(mode);
        };
        WritableRaster raster = image.getRaster();
        int[] samples = new int[width * height * raster.getNumBands()];
        Random random = new Random(seed);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(256);
        }
        raster.setPixels(0, 0, width, height, samples);
        return image;
    }

    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        int[] row = new int[width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[3 * x] = 64 + 128 * x / width;
                row[3 * x + 1] = 64 + 128 * y / height;
                row[3 * x + 2] = 128;
            }
            image.getRaster().setPixels(0, y, width, 1, row);
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(image, format, out)).as("a writer for " + format).isTrue();
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private BufferedImage decode(String key) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(ctx.blobs().getBytes(key)));
    }

    /** Max minus min of the first band: how far apart the darkest and brightest red are. */
    private static int spread(BufferedImage image) {
        int[] reds = image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0, (int[]) null);
        return Arrays.stream(reds).max().orElseThrow() - Arrays.stream(reds).min().orElseThrow();
    }
}
