package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.apps.enhance.EnhanceConfig;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudPic end to end: {@code kon pic} uploads an image, a {@code kon worker} process raises its contrast, the
 * client downloads the result. The expected pixels are computed here from the definition of Pillow's
 * {@code ImageEnhance.Contrast}, not with the code under test.
 */
@Tag("slow")
class AppsPicEndToEndTest {
    private static final int W = 8;
    private static final int H = 6;
    private static final int PNG_GREY = 0;
    private static final int PNG_RGB = 2;
    private static final int PNG_RGBA = 6;

    @TempDir
    static Path classDir;

    private static AppsCloud cloud;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCloudAndWorkers() throws Exception {
        cloud = AppsCloud.start(classDir, 2);
    }

    @AfterAll
    static void stopCloudAndWorkers() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void pic_ofAnRgbPng_givesPillowsContrastForEveryPixelAndKeepsSizeAndMode() throws Exception {
        int[][] rgb = new int[W * H][];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                // Spread over the whole range, so some samples clamp at 0 and 255 and some land in between.
                rgb[y * W + x] = new int[] {(x * 37 + y * 11) % 256, (x * 5 + y * 53 + 100) % 256,
                    (x * x * 7 + x * y * 3 + 20) % 256};
            }
        }
        rgb[0] = new int[] {0, 0, 0};
        rgb[1] = new int[] {255, 255, 255};
        Path in = write(image(BufferedImage.TYPE_INT_RGB, rgb), "png", "colour.png");
        Path out = dir.resolve("out.png");

        AppsCloud.Run run = pic(in, "--factor", "1.8", "--out", out.toString());

        assertThat(run.stdout()).contains("enhanced " + in + " (x1.8 contrast, 8x6 png)").contains(out.toString());
        assertThat(pngColourType(out)).isEqualTo(pngColourType(in)).isEqualTo(PNG_RGB);
        assertThat(pixels(ImageIO.read(out.toFile()))).isDeepEqualTo(expected(rgb, 1.8, 3));
    }

    @Test
    void pic_ofAGreyPng_usesTheGreyValuesAsLuminanceAndStaysGrey() throws Exception {
        int[][] grey = new int[W * H][];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = new int[] {(i * 29 + 7) % 256};
        }
        Path in = write(image(BufferedImage.TYPE_BYTE_GRAY, grey), "png", "grey.png");
        Path out = dir.resolve("grey-out.png");

        AppsCloud.Run run = pic(in, "--factor", "0.45", "--out", out.toString());

        assertThat(run.stdout()).contains("(x0.45 contrast, 8x6 png)");
        assertThat(pngColourType(out)).isEqualTo(pngColourType(in)).isEqualTo(PNG_GREY);
        assertThat(pixels(ImageIO.read(out.toFile()))).isDeepEqualTo(expected(grey, 0.45, 1));
    }

    @Test
    void pic_ofAnRgbaPng_changesTheColoursAndKeepsTheAlpha() throws Exception {
        int[][] rgba = new int[W * H][];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                rgba[i] = new int[] {(i * 71) % 256, (255 - i * 13 % 256), (x * 40 + y * 9) % 256, (i * 53) % 256};
            }
        }
        rgba[2][3] = 0;
        rgba[3][3] = 255;
        Path in = write(image(BufferedImage.TYPE_INT_ARGB, rgba), "png", "alpha.png");
        Path out = dir.resolve("alpha-out.png");

        pic(in, "--factor", "1.8", "--out", out.toString());

        assertThat(pngColourType(out)).isEqualTo(pngColourType(in)).isEqualTo(PNG_RGBA);
        assertThat(pixels(ImageIO.read(out.toFile()))).isDeepEqualTo(expected(rgba, 1.8, 3));
    }

    @Test
    void pic_ofAJpeg_givesAJpegOfTheSameSizeNextToItByDefault() throws Exception {
        int w = 64;
        int h = 48;
        int[][] rgb = new int[w * h][];
        for (int i = 0; i < rgb.length; i++) {
            int x = i % w;
            int y = i / w;
            rgb[i] = new int[] {96 + x, 96 + y, 128 + (x + y) / 4};
        }
        BufferedImage flat = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        fill(flat, rgb);
        Path in = write(flat, "jpeg", "photo.jpg");

        AppsCloud.Run run = pic(in);

        Path out = dir.resolve("photo-enhanced.jpg");
        assertThat(run.stdout()).contains("64x48 jpeg").contains(out.toString())
                .containsPattern("in the bucket: enhanced/[0-9a-f-]{36}/photo-enhanced\\.a1\\.jpg");
        assertThat(Files.readAllBytes(out)).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        assertThat(formatOf(out)).isEqualTo("jpeg");
        BufferedImage result = ImageIO.read(out.toFile());
        assertThat(result.getWidth()).isEqualTo(w);
        assertThat(result.getHeight()).isEqualTo(h);
        // Lossy both ways, so no exact pixels: but the default factor 1.8 must spread the luminance out.
        assertThat(luminanceSpread(result)).isGreaterThan(1.5 * luminanceSpread(ImageIO.read(in.toFile())));
    }

    @Test
    void pic_ofAJpegWithOptimizedHuffmanTables_givesAJpegThatDecodesCleanly() throws Exception {
        BufferedImage photo = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 48; i++) {
            int x = i % 64;
            int y = i / 64;
            photo.setRGB(x, y, (90 + x) << 16 | (80 + y + (x / 8 + y / 8) % 2 * 12) << 8 | (150 - x / 2));
        }
        Path in = dir.resolve("optimized.jpg");
        Files.write(in, jpegWithOptimizedHuffmanTables(photo));

        pic(in);

        Path out = dir.resolve("optimized-enhanced.jpg");
        List<String> warnings = new ArrayList<>();
        BufferedImage result = readNoting(out, warnings);
        // The old worker wrote the new pixels with the input's tables: "Corrupt JPEG data: bad Huffman code".
        assertThat(warnings).as("decoder warnings").isEmpty();
        assertThat(luminanceSpread(result)).isGreaterThan(1.5 * luminanceSpread(photo));
    }

    @Test
    void pic_ofATruncatedJpeg_exitsOneWithTheWorkersReason() throws Exception {
        BufferedImage noise = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 320 * 240; i++) {
            noise.setRGB(i % 320, i / 320, random.nextInt(1 << 24));
        }
        byte[] whole = Files.readAllBytes(write(noise, "jpeg", "whole.jpg"));
        Path in = dir.resolve("cut.jpg");
        Files.write(in, java.util.Arrays.copyOf(whole, 3000));

        AppsCloud.Run run = cloud.run(120, "pic-cut", "pic", in.toString());

        assertThat(run.exit()).as(run.said()).isEqualTo(1);
        assertThat(run.stderr()).contains("kon pic: the worker refused: unreadable image 'uploads/")
                .contains("cut.jpg': image is truncated or corrupt: ");
        assertThat(dir.resolve("cut-enhanced.jpg")).doesNotExist();
    }

    @Test
    void pic_ofAFileThatIsNotAnImage_exitsTwoBeforeUploadingAnything() throws Exception {
        Path notes = dir.resolve("notes.png");
        Files.writeString(notes, "these are notes, not pixels\n");

        AppsCloud.Run run = picRefused(notes);

        assertThat(run.stderr()).contains(notes + ": not an image (JPEG or PNG expected)");
    }

    @Test
    void pic_ofAMissingFile_exitsTwoNamingIt() throws Exception {
        Path missing = dir.resolve("missing.png");

        AppsCloud.Run run = picRefused(missing);

        assertThat(run.stderr()).contains(missing + ": no such file");
    }

    @Test
    void pic_ofASixteenBitPng_exitsOneWithTheWorkersReason() throws Exception {
        BufferedImage deep = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < W * H; i++) {
            deep.getRaster().setSample(i % W, i / W, 0, i * 1000);
        }
        Path in = write(deep, "png", "deep.png");

        AppsCloud.Run run = cloud.run(120, "pic-deep", "pic", in.toString(), "--out", dir.resolve("x.png").toString());

        assertThat(run.exit()).as(run.said()).isEqualTo(1);
        assertThat(run.stderr()).contains("kon pic: the worker refused: cannot enhance 'uploads/")
                .contains("deep.png': unsupported pixel format: 16 bits per sample (only 8)");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void pic_withTheOutputInAMissingFolder_exitsTwoBeforeUploadingAnything() throws Exception {
        Path in = write(image(BufferedImage.TYPE_BYTE_GRAY, new int[W * H][1]), "png", "flat.png");
        Path out = dir.resolve("no-such-folder").resolve("out.png");
        List<String> uploads = cloud.blobs().list(EnhanceConfig.DEFAULT_INPUT_PREFIX, 10_000);

        AppsCloud.Run run = cloud.run(120, "pic-out", "pic", in.toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.said()).isEqualTo(2);
        assertThat(run.stderr()).contains(out.getParent().toString());
        assertThat(cloud.blobs().list(EnhanceConfig.DEFAULT_INPUT_PREFIX, 10_000)).as("uploads").isEqualTo(uploads);
    }

    private static AppsCloud.Run pic(Path image, String... options) throws Exception {
        String[] args = new String[options.length + 2];
        args[0] = "pic";
        args[1] = image.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        AppsCloud.Run run = cloud.run(120, "pic", args);
        assertThat(run.exit()).as(run.said()).isZero();
        return run;
    }

    private static AppsCloud.Run picRefused(Path image) throws Exception {
        List<String> uploads = cloud.blobs().list(EnhanceConfig.DEFAULT_INPUT_PREFIX, 10_000);
        int ledger = cloud.ledgerEntries();

        AppsCloud.Run run = cloud.run(120, "pic-bad", "pic", image.toString());

        assertThat(run.exit()).as(run.said()).isEqualTo(2);
        assertThat(cloud.blobs().list(EnhanceConfig.DEFAULT_INPUT_PREFIX, 10_000)).as("uploads").isEqualTo(uploads);
        assertThat(cloud.ledgerEntries()).as("tasks claimed").isEqualTo(ledger);
        assertThat(cloud.taskQueueDepth()).as("task queue depth").isZero();
        return run;
    }

    /**
     * Pillow's {@code ImageEnhance.Contrast(im).enhance(factor)}, from its definition: the grey level is the mean
     * of the "L" luminance rounded as {@code int(mean + 0.5)}; each colour sample becomes
     * {@code grey + factor * (v - grey)} in single precision, clamped to 0..255 and truncated; alpha is kept.
     */
    private static int[][] expected(int[][] pixels, double factor, int colours) {
        long sum = 0;
        for (int[] p : pixels) {
            sum += colours == 1 ? p[0] : (p[0] * 19595 + p[1] * 38470 + p[2] * 7471 + 0x8000) >> 16;
        }
        int grey = (int) ((double) sum / pixels.length + 0.5);
        float f = (float) factor;
        int[][] out = new int[pixels.length][];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = pixels[i].clone();
            for (int c = 0; c < colours; c++) {
                float v = grey + f * (pixels[i][c] - grey);
                out[i][c] = v <= 0f ? 0 : v >= 255f ? 255 : (int) v;
            }
        }
        return out;
    }

    private static BufferedImage image(int type, int[][] pixels) {
        BufferedImage image = new BufferedImage(W, H, type);
        fill(image, pixels);
        return image;
    }

    private static void fill(BufferedImage image, int[][] pixels) {
        WritableRaster raster = image.getRaster();
        for (int i = 0; i < pixels.length; i++) {
            int[] p = pixels[i];
            if (p.length == 1) {
                raster.setPixel(i % image.getWidth(), i / image.getWidth(), p);
            } else {
                int argb = (p.length == 4 ? p[3] : 255) << 24 | p[0] << 16 | p[1] << 8 | p[2];
                image.setRGB(i % image.getWidth(), i / image.getWidth(), argb);
            }
        }
    }

    /** The samples of every pixel in row order, in the colour model's order (R, G, B, A or grey). */
    private static int[][] pixels(BufferedImage image) {
        int[][] out = new int[image.getWidth() * image.getHeight()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = image.getRaster().getPixel(i % image.getWidth(), i / image.getWidth(), (int[]) null);
        }
        return out;
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as("a " + format + " writer").isTrue();
        return file;
    }

    /** The colour type byte of a PNG's IHDR chunk (0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA). */
    private static int pngColourType(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IHDR");
        assertThat(bytes[24]).as("bit depth").isEqualTo((byte) 8);
        return bytes[25];
    }

    private static String formatOf(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                return reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] jpegWithOptimizedHuffmanTables(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            JPEGImageWriteParam param = (JPEGImageWriteParam) writer.getDefaultWriteParam();
            param.setOptimizeHuffmanTables(true);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    /** Decodes {@code file} with ImageIO, adding every warning (how it reports corrupt data) to {@code warnings}. */
    private static BufferedImage readNoting(Path file, List<String> warnings) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Standard deviation of the pixels' luminance. */
    private static double luminanceSpread(BufferedImage image) {
        int n = image.getWidth() * image.getHeight();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            int rgb = image.getRGB(i % image.getWidth(), i / image.getWidth());
            double l = 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
            sum += l;
            squares += l * l;
        }
        double mean = sum / n;
        return Math.sqrt(squares / n - mean * mean);
    }
}
