package dev.kon.apps.video.ffmpeg;

import java.awt.image.BufferedImage;

/** Compares two images of one size: the mean absolute difference per channel, 0..255. */
public final class ImageDifference {
    private ImageDifference() {
    }

    public static double meanAbsolute(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight() + " and "
                    + b.getWidth() + "x" + b.getHeight());
        }
        long sum = 0;
        int[] rowA = new int[a.getWidth()];
        int[] rowB = new int[b.getWidth()];
        for (int y = 0; y < a.getHeight(); y++) {
            a.getRGB(0, y, a.getWidth(), 1, rowA, 0, a.getWidth());
            b.getRGB(0, y, b.getWidth(), 1, rowB, 0, b.getWidth());
            for (int x = 0; x < rowA.length; x++) {
                int p = rowA[x];
                int q = rowB[x];
                sum += Math.abs((p >> 16 & 0xFF) - (q >> 16 & 0xFF)) + Math.abs((p >> 8 & 0xFF) - (q >> 8 & 0xFF))
                        + Math.abs((p & 0xFF) - (q & 0xFF));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
