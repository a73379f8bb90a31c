package dev.kon.bench.apps;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A photo-sized test image drawn with Java2D: a sky-to-ground gradient, a few hundred translucent shapes, and
 * per-pixel grain, so the JPEG is about as large and as slow to code as a camera's (flat synthetic shapes alone
 * would compress to a fraction of a photo's size and flatter every figure). The same seed draws the same image.
 */
final class PhotoImage {
    static final float QUALITY = 0.9f;
    private static final int SHAPES = 400;
    /** Grain amplitude, levels either side of the drawn value: about a phone camera's at base ISO. */
    private static final int GRAIN = 10;

    private PhotoImage() {
    }

    static BufferedImage render(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(seed);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 210), 0, height * 0.6f, new Color(225, 215, 190)));
            g.fillRect(0, 0, width, height);
            g.setPaint(new GradientPaint(0, height * 0.55f, new Color(70, 110, 50), width, height,
                    new Color(120, 90, 60)));
            g.fillRect(0, (int) (height * 0.55), width, height);
            int unit = Math.min(width, height);
            for (int i = 0; i < SHAPES; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256),
                        60 + random.nextInt(150)));
                int w = 1 + unit / 60 + random.nextInt(Math.max(1, unit / 5));
                int h = 1 + unit / 60 + random.nextInt(Math.max(1, unit / 5));
                int x = random.nextInt(width) - w / 2;
                int y = random.nextInt(height) - h / 2;
                switch (i % 3) {
                    case 0 -> g.fillOval(x, y, w, h);
                    case 1 -> g.fillRect(x, y, w, h);
                    default -> g.fillPolygon(new int[] {x, x + w, x + w / 2}, new int[] {y + h, y + h, y}, 3);
                }
            }
        } finally {
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int v = (pixels[i] & 0xFF) + random.nextInt(2 * GRAIN + 1) - GRAIN;
            pixels[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return image;
    }

    /** Writes {@code image} to {@code file} as a baseline JPEG at {@link #QUALITY}. */
    static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
