package dev.kon.apps.video.ffmpeg;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;

/**
 * Turns any decoded image into a frame {@link H264Encoder} takes as is: exactly the video's size, 8-bit BGR,
 * rows packed without padding. Stateless and thread-safe.
 */
public final class Frames {
    private Frames() {
    }

    /**
     * Scales {@code image} to fit {@code width x height} keeping its aspect ratio, centred on black bars
     * (letterbox or pillarbox). An image already of that size and layout is returned unchanged.
     */
    public static BufferedImage fit(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height && isPackedBgr(image)) {
            return image;
        }
        double scale = Math.min(width / (double) image.getWidth(), height / (double) image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage source = image;
        // Bilinear sampling skips pixels when shrinking more than 2x (a 12 MP photo to 1080p aliases); halving
        // step by step averages them all, at a fraction of the cost of an area filter.
        while (source.getWidth() / 2 >= w && source.getHeight() / 2 >= h) {
            source = draw(source, source.getWidth() / 2, source.getHeight() / 2, 0, 0, source.getWidth() / 2,
                    source.getHeight() / 2);
        }
        return draw(source, width, height, (width - w) / 2, (height - h) / 2, w, h);
    }

    /** Draws {@code image} scaled to {@code w x h} at {@code (x, y)} on a black BGR canvas. */
    private static BufferedImage draw(BufferedImage image, int width, int height, int x, int y, int w, int h) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, x, y, w, h, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** The BGR bytes of a packed image, without copying; any other image is redrawn first. */
    static byte[] bgrPixels(BufferedImage image) {
        BufferedImage packed = isPackedBgr(image) ? image : fit(image, image.getWidth(), image.getHeight());
        return ((DataBufferByte) packed.getRaster().getDataBuffer()).getData();
    }

    /** True if the raster is B,G,R bytes, 3 per pixel, rows back to back, starting at offset 0. */
    static boolean isPackedBgr(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR
                || !(image.getSampleModel() instanceof PixelInterleavedSampleModel model)
                || !(image.getRaster().getDataBuffer() instanceof DataBufferByte buffer)) {
            return false;
        }
        int[] offsets = model.getBandOffsets();
        return model.getPixelStride() == 3 && model.getScanlineStride() == image.getWidth() * 3
                && offsets.length == 3 && offsets[0] == 2 && offsets[1] == 1 && offsets[2] == 0
                && buffer.getOffset() == 0 && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0
                && buffer.getData().length == image.getWidth() * image.getHeight() * 3;
    }
}
