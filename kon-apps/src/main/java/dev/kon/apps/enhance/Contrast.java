package dev.kon.apps.enhance;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Contrast enhancement defined as Pillow's {@code ImageEnhance.Contrast(im).enhance(factor)}, to the same integer
 * and single-precision rounding, so a Kon worker's output matches the seed's Python worker pixel for pixel on the
 * same decoded pixels.
 *
 * <ol>
 *   <li>Grey level: the mean of the image's luminance, each pixel's luminance being Pillow's {@code "L"}
 *       conversion, ITU-R 601-2 in 16-bit fixed point, {@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16}
 *       (grey images: the value itself). The mean is rounded as {@code int(mean + 0.5)}, in double precision.</li>
 *   <li>Every colour sample {@code v} becomes {@code grey + f*(v - grey)} computed in {@code float}, with
 *       {@code f} the factor as a {@code float}; the result is clamped to 0..255 and truncated, not rounded
 *       (Pillow's {@code ImagingBlend}). Factor 0 gives the grey level, factor 1 the input unchanged.</li>
 *   <li>Alpha is kept as it is.</li>
 * </ol>
 *
 * <p>Supported: 8-bit grey, grey + alpha, RGB and RGBA rasters, and palette images (whose palette entries are
 * mapped, since the mapping is per value; Pillow itself refuses to blend palette images). Anything else (16-bit
 * samples, CMYK, premultiplied alpha) is refused with an {@link IllegalArgumentException} naming the format.
 *
 * <p>Thread-safety: stateless. The image passed in is modified in place. The forms taking a {@code cancelled}
 * supplier ask it every {@value #ROWS_BETWEEN_CHECKS} rows (about a millisecond at 8000 pixels a row) and give up
 * with a {@link CancellationException}, leaving the image part changed.
 */
public final class Contrast {
    private static final int ROWS_BETWEEN_CHECKS = 64;
    private static final BooleanSupplier NEVER = () -> false;

    private Contrast() {
    }

    /**
     * Enhances the contrast of {@code image}.
     *
     * @return the enhanced image: {@code image} itself, its samples changed, or for a palette image a new image
     *         sharing its pixels with a new palette
     * @throws IllegalArgumentException if the pixel format is not supported
     */
    public static BufferedImage enhance(BufferedImage image, double factor) {
        return enhance(image, factor, NEVER);
    }

    /**
     * Enhances the contrast of {@code image} unless {@code cancelled} answers true first.
     *
     * @throws CancellationException    if {@code cancelled} answered true
     * @throws IllegalArgumentException if the pixel format is not supported
     * @see #enhance(BufferedImage, double)
     */
    public static BufferedImage enhance(BufferedImage image, double factor, BooleanSupplier cancelled) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel palette) {
            return enhancePalette(image, palette, factor, cancelled);
        }
        checkSupported(cm, image.getRaster());
        int[] table = table(greyLevel(image, cancelled), factor);
        WritableRaster raster = image.getRaster();
        int width = raster.getWidth();
        int bands = raster.getNumBands();
        int colours = cm.getNumColorComponents();
        int[] row = new int[width * bands];
        for (int y = 0; y < raster.getHeight(); y++) {
            checkEvery(y, cancelled);
            raster.getPixels(0, y, width, 1, row);
            for (int i = 0; i < row.length; i += bands) {
                for (int b = 0; b < colours; b++) {
                    row[i + b] = table[row[i + b]];
                }
            }
            raster.setPixels(0, y, width, 1, row);
        }
        return image;
    }

    /** Pillow's grey level of an image: its mean {@code "L"} luminance, rounded half up. */
    public static int greyLevel(BufferedImage image) {
        return greyLevel(image, NEVER);
    }

    private static int greyLevel(BufferedImage image, BooleanSupplier cancelled) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel palette) {
            return greyLevel(image.getRaster(), palette, cancelled);
        }
        checkSupported(cm, image.getRaster());
        WritableRaster raster = image.getRaster();
        int width = raster.getWidth();
        int bands = raster.getNumBands();
        boolean rgb = cm.getNumColorComponents() == 3;
        int[] row = new int[width * bands];
        long sum = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            checkEvery(y, cancelled);
            raster.getPixels(0, y, width, 1, row);
            for (int i = 0; i < row.length; i += bands) {
                sum += rgb ? luminance(row[i], row[i + 1], row[i + 2]) : row[i];
            }
        }
        return meanRounded(sum, (long) width * raster.getHeight());
    }

    /** Pillow's {@code RGB -> L} conversion of one pixel ({@code rgb2l} in {@code Convert.c}). */
    public static int luminance(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    /**
     * What each sample value 0..255 becomes: Pillow's {@code ImagingBlend(degenerate, image, factor)} with a
     * degenerate image of {@code grey} everywhere.
     */
    public static int[] table(int grey, double factor) {
        // Python passes the factor as a double and Blend.c narrows it to float; all the arithmetic is in float.
        float alpha = (float) factor;
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            if (alpha == 0.0f) {
                table[v] = grey;
            } else if (alpha == 1.0f) {
                table[v] = v;
            } else {
                float temp = grey + alpha * (v - grey);
                table[v] = temp <= 0.0f ? 0 : temp >= 255.0f ? 255 : (int) temp;
            }
        }
        return table;
    }

    private static int meanRounded(long sum, long count) {
        // ImageStat.mean is sum / count as a Python float; Contrast then takes int(mean + 0.5).
        return (int) ((double) sum / count + 0.5);
    }

    private static BufferedImage enhancePalette(BufferedImage image, IndexColorModel palette, double factor,
                                                BooleanSupplier cancelled) {
        int[] table = table(greyLevel(image.getRaster(), palette, cancelled), factor);
        int size = palette.getMapSize();
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        byte[] a = new byte[size];
        for (int i = 0; i < size; i++) {
            r[i] = (byte) table[palette.getRed(i)];
            g[i] = (byte) table[palette.getGreen(i)];
            b[i] = (byte) table[palette.getBlue(i)];
            a[i] = (byte) palette.getAlpha(i);
        }
        IndexColorModel mapped = palette.hasAlpha()
                ? new IndexColorModel(palette.getPixelSize(), size, r, g, b, a)
                : new IndexColorModel(palette.getPixelSize(), size, r, g, b);
        return new BufferedImage(mapped, image.getRaster(), false, null);
    }

    private static int greyLevel(WritableRaster raster, IndexColorModel palette, BooleanSupplier cancelled) {
        int size = palette.getMapSize();
        long[] uses = new long[size];
        int width = raster.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < raster.getHeight(); y++) {
            checkEvery(y, cancelled);
            raster.getSamples(0, y, width, 1, 0, row);
            for (int index : row) {
                if (index < size) {
                    uses[index]++;
                }
            }
        }
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += uses[i] * luminance(palette.getRed(i), palette.getGreen(i), palette.getBlue(i));
        }
        return meanRounded(sum, (long) width * raster.getHeight());
    }

    private static void checkEvery(int row, BooleanSupplier cancelled) {
        if (row % ROWS_BETWEEN_CHECKS == 0 && cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled while enhancing");
        }
    }

    private static void checkSupported(ColorModel cm, WritableRaster raster) {
        int colours = cm.getNumColorComponents();
        int spaceType = cm.getColorSpace().getType();
        boolean shape = (colours == 3 && spaceType == ColorSpace.TYPE_RGB)
                || (colours == 1 && spaceType == ColorSpace.TYPE_GRAY);
        if (!shape) {
            throw new IllegalArgumentException("unsupported pixel format: " + colours + " colour components in colour"
                    + " space type " + spaceType + " (only grey and RGB, with or without alpha)");
        }
        for (int i = 0; i < cm.getNumComponents(); i++) {
            if (cm.getComponentSize(i) != 8) {
                throw new IllegalArgumentException("unsupported pixel format: " + cm.getComponentSize(i)
                        + " bits per sample (only 8)");
            }
        }
        if (cm.isAlphaPremultiplied() || raster.getNumBands() != cm.getNumComponents()) {
            throw new IllegalArgumentException("unsupported pixel format: premultiplied or packed alpha");
        }
    }
}
