package dev.kon.apps.video.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws the sample images of the offline Animoto jobs with Java2D: image {@code i} is the same on every machine
 * and visibly different from its neighbours (background hue, shapes, and {@code i} in large seven-segment
 * digits). Digits are drawn as polygons, not text, so no font needs to be installed. Stateless and thread-safe.
 */
public final class SampleImages {
    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    /** JPEG quality of {@link #jpeg}: high enough that a frame can be compared with its source pixel by pixel. */
    public static final float JPEG_QUALITY = 0.9f;

    /** Segments a..g of a seven-segment digit, per digit 0..9 (bit 0 = a, top; clockwise; bit 6 = g, middle). */
    private static final int[] SEGMENTS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    private SampleImages() {
    }

    /** Image {@code index} at 1920x1080. */
    public static BufferedImage render(int index) {
        return render(index, WIDTH, HEIGHT);
    }

    /** Image {@code index} (>= 0) at the given size, 8-bit BGR. */
    public static BufferedImage render(int index, int width, int height) {
        if (index < 0) {
            throw new IllegalArgumentException("image index must be >= 0, was " + index);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // Golden-ratio hue steps: consecutive images get far-apart colours.
            float hue = (float) ((index * 0.618033988749895) % 1.0);
            g.setColor(Color.getHSBColor(hue, 0.55f, 0.85f));
            g.fillRect(0, 0, width, height);
            Random random = new Random(index * 7919L + 17);
            int unit = Math.min(width, height);
            for (int s = 0; s < 6; s++) {
                float shapeHue = (hue + 0.15f + random.nextFloat() * 0.7f) % 1f;
                g.setColor(Color.getHSBColor(shapeHue, 0.8f, 0.4f + 0.5f * random.nextFloat()));
                int size = unit / 8 + random.nextInt(unit / 4);
                int x = random.nextInt(Math.max(1, width - size));
                int y = random.nextInt(Math.max(1, height - size));
                switch (s % 3) {
                    case 0 -> g.fillOval(x, y, size, size);
                    case 1 -> g.fillRect(x, y, size, size * 2 / 3);
                    default -> g.fillPolygon(new int[] {x, x + size, x + size / 2},
                            new int[] {y + size, y + size, y}, 3);
                }
            }
            drawNumber(g, Integer.toString(index), width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Image {@code index} at 1920x1080 as JPEG bytes. */
    public static byte[] jpeg(int index) {
        return jpeg(render(index));
    }

    /** Encodes an image as JPEG at {@link #JPEG_QUALITY}, in memory (no ImageIO disk cache). */
    public static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void drawNumber(Graphics2D g, String digits, int width, int height) {
        int digitH = height * 2 / 5;
        int digitW = digitH / 2;
        int gap = digitW / 3;
        int total = digits.length() * digitW + (digits.length() - 1) * gap;
        int x = (width - total) / 2;
        int y = (height - digitH) / 2;
        int thick = Math.max(2, digitH / 9);
        // A dark plate behind the digits keeps them readable on any background.
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRoundRect(x - gap, y - gap, total + 2 * gap, digitH + 2 * gap, gap, gap);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1));
        for (char c : digits.toCharArray()) {
            drawDigit(g, SEGMENTS[c - '0'], x, y, digitW, digitH, thick);
            x += digitW + gap;
        }
    }

    private static void drawDigit(Graphics2D g, int mask, int x, int y, int w, int h, int t) {
        int half = h / 2;
        int[][] rects = {
            {x, y, w, t},                       // a: top
            {x + w - t, y, t, half},            // b: top right
            {x + w - t, y + half, t, h - half}, // c: bottom right
            {x, y + h - t, w, t},               // d: bottom
            {x, y + half, t, h - half},         // e: bottom left
            {x, y, t, half},                    // f: top left
            {x, y + half - t / 2, w, t},        // g: middle
        };
        for (int s = 0; s < 7; s++) {
            if ((mask & (1 << s)) != 0) {
                int[] r = rects[s];
                g.fillRect(r[0], r[1], r[2], r[3]);
            }
        }
    }
}
