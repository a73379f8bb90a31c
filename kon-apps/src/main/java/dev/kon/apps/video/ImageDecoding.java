package dev.kon.apps.video;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes downloaded bytes with ImageIO, refusing rasters above a pixel limit before reading them, and giving up
 * part way when the thread is interrupted (a 48-megapixel JPEG takes about a third of a second to decode; the
 * reader is aborted at its next progress report). Stateless and thread-safe.
 */
final class ImageDecoding {
    /**
     * Bytes as fetched.
     *
     * @param bytes       the whole body
     * @param contentType what the server said it is (for messages), or where it came from
     */
    record Download(byte[] bytes, String contentType) {
    }

    private ImageDecoding() {
    }

    static BufferedImage decode(Download download, long maxPixels) throws UnusableImageException,
            InterruptedException {
        BufferedImage image;
        // A memory-backed stream: ImageIO's default would spill to temporary files nobody deletes on a crash.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(download.bytes()))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw UnusableImageException.permanent("not an image (" + download.bytes().length
                        + " bytes, Content-Type " + download.contentType() + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw UnusableImageException.permanent("image too large: " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + " pixels, at most " + maxPixels + " allowed");
                }
                reader.addIIOReadProgressListener(new AbortWhenInterrupted());
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("decoding stopped: the task was cancelled");
            }
            throw UnusableImageException.permanent("not a decodable image (" + e.getClass().getSimpleName() + ": "
                    + Excerpt.of(e.getMessage()) + ")");
        }
        // An aborted read returns what it had; the interrupt says whether that happened.
        if (Thread.interrupted()) {
            throw new InterruptedException("decoding stopped: the task was cancelled");
        }
        return image;
    }

    /** Aborts the read at its next progress report once the reading thread is interrupted. */
    private static final class AbortWhenInterrupted implements IIOReadProgressListener {
        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (Thread.currentThread().isInterrupted()) {
                source.abort();
            }
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }

        @Override
        public void readAborted(ImageReader source) {
        }
    }
}
