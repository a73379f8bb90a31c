package dev.kon.apps.enhance;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * One encoded image held in memory, read with javax.imageio in two steps: the header first ({@link #width},
 * {@link #height}: nothing is decoded, so a caller can refuse a decompression bomb), then the pixels
 * ({@link #decode}). {@link #encode} writes pixels back in the same format, carrying the input's metadata
 * (JPEG quantisation tables, EXIF orientation, PNG text) where the writer accepts it.
 *
 * <p>Not thread-safe; one per task. Close it to release the reader. Streams are memory-cached, so ImageIO writes no
 * temporary files.
 */
final class ImageFile implements AutoCloseable {
    private final ImageInputStream input;
    private final ImageReader reader;
    private final String format;
    private IIOMetadata metadata;

    private ImageFile(ImageInputStream input, ImageReader reader, String format) {
        this.input = input;
        this.reader = reader;
        this.format = format;
    }

    /**
     * Finds a reader for the bytes.
     *
     * @throws IOException if no installed reader recognises them
     */
    static ImageFile open(byte[] bytes) throws IOException {
        ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        if (!readers.hasNext()) {
            input.close();
            throw new IOException("not an image in a format this worker reads (" + readableFormats() + ")");
        }
        ImageReader reader = readers.next();
        reader.setInput(input, true, false);
        return new ImageFile(input, reader, reader.getFormatName().toLowerCase(Locale.ROOT));
    }

    /** The format, lower case: {@code jpeg}, {@code png}, {@code gif}, {@code bmp}, {@code tiff}, ... */
    String format() {
        return format;
    }

    /** The width the header declares; decodes nothing. */
    int width() throws IOException {
        return reader.getWidth(0);
    }

    /** The height the header declares; decodes nothing. */
    int height() throws IOException {
        return reader.getHeight(0);
    }

    /** Decodes the first image (the first frame of an animation). */
    BufferedImage decode() throws IOException {
        BufferedImage image = reader.read(0);
        metadata = reader.getImageMetadata(0);
        return image;
    }

    /** The MIME type of this format, for the stored object. */
    String mimeType() {
        String[] types = reader.getOriginatingProvider() == null ? null : reader.getOriginatingProvider().getMIMETypes();
        return types == null || types.length == 0 ? "application/octet-stream" : types[0];
    }

    /**
     * Encodes {@code image} in this file's format, with the decoded metadata unless the image has a palette (the
     * stored palette would win over the new one) or the writer refuses it.
     *
     * @throws IOException if there is no writer for this format or it fails
     */
    byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWriter(reader);
        if (writer == null) {
            throw new IOException("no writer for " + format + " images");
        }
        try {
            boolean keepMetadata = metadata != null && !(image.getColorModel() instanceof IndexColorModel);
            if (keepMetadata) {
                try {
                    return write(writer, new IIOImage(image, null, metadata));
                } catch (IOException | RuntimeException refused) {
                    // Some metadata (an odd JPEG marker, a colour type the writer cannot convert) is refused;
                    // the pixels matter more than the markers.
                }
            }
            return write(writer, new IIOImage(image, null, null));
        } finally {
            writer.dispose();
        }
    }

    private static byte[] write(ImageWriter writer, IIOImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, null);
        } finally {
            writer.setOutput(null);
        }
        return bytes.toByteArray();
    }

    private static String readableFormats() {
        return String.join(", ", new TreeSet<>(Arrays.stream(ImageIO.getReaderFormatNames())
                .map(n -> n.toLowerCase(Locale.ROOT)).toList()));
    }

    @Override
    public void close() throws IOException {
        reader.dispose();
        input.close();
    }
}
