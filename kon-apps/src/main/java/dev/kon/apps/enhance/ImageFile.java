package dev.kon.apps.enhance;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/**
 * One encoded image held in memory, read with javax.imageio in steps: the header first ({@link #width},
 * {@link #height}, {@link #refusal}: no pixels decoded, so a caller can refuse a decompression bomb or a CMYK
 * JPEG cheaply), then the pixels ({@link #decode}). {@link #encode} writes pixels back in the same format, with
 * fresh tables and only the metadata that stays true ({@link OutputMetadata}).
 *
 * <p>Strict: a decode that ImageIO merely warns about (a truncated JPEG, whose missing rows it paints grey; a bad
 * Huffman code) fails with {@code "image is truncated or corrupt: <the decoder's message>"}.
 *
 * <p>Cancellable: once {@code cancelled} answers true, reading, decoding and encoding stop within milliseconds
 * (the input refuses further reads, and the progress callbacks abort the plug-in) and the call throws
 * {@link CancellationException}.
 *
 * <p>Not thread-safe; one per task, used on the task's thread. Close it to release the reader. Streams are in
 * memory, so ImageIO writes no temporary files.
 */
final class ImageFile implements AutoCloseable {
    private final ByteImageInput input;
    private final ImageReader reader;
    private final String format;
    private final BooleanSupplier cancelled;
    private IIOMetadata metadata;

    private ImageFile(ByteImageInput input, ImageReader reader, String format, BooleanSupplier cancelled) {
        this.input = input;
        this.reader = reader;
        this.format = format;
        this.cancelled = cancelled;
    }

    /** Finds a reader for the bytes; never cancelled. */
    static ImageFile open(byte[] bytes) throws IOException {
        return open(bytes, () -> false);
    }

    /**
     * Finds a reader for the bytes.
     *
     * @param cancelled asked while reading and writing; true stops the work with {@link CancellationException}
     * @throws IOException if no installed reader recognises them
     */
    static ImageFile open(byte[] bytes, BooleanSupplier cancelled) throws IOException {
        ByteImageInput input = new ByteImageInput(bytes, cancelled);
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        if (!readers.hasNext()) {
            input.close();
            throw new IOException("not an image in a format this worker reads (" + readableFormats() + ")");
        }
        ImageReader reader = readers.next();
        reader.setInput(input, true, false);
        return new ImageFile(input, reader, reader.getFormatName().toLowerCase(Locale.ROOT), cancelled);
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

    /**
     * Why this image cannot be enhanced, from its headers alone, if the reason is known before decoding: a CMYK
     * (four-component) JPEG, which javax.imageio does not convert; a 16-bit PNG, whose samples {@link Contrast}
     * does not take. Reads the metadata, which {@link #encode} keeps parts of.
     */
    Optional<String> refusal() throws IOException {
        IIOMetadata header = metadata();
        if (header == null || header.getNativeMetadataFormatName() == null) {
            return Optional.empty();
        }
        Node tree = header.getAsTree(header.getNativeMetadataFormatName());
        if (format.equals("jpeg") && components(tree) == 4) {
            return Optional.of("CMYK JPEG is not supported; convert to RGB");
        }
        if (format.equals("png") && tree instanceof IIOMetadataNode png
                && png.getElementsByTagName("IHDR").item(0) instanceof IIOMetadataNode ihdr
                && "16".equals(ihdr.getAttribute("bitDepth"))) {
            // The same words as Contrast's refusal, which would come only after decoding every pixel.
            return Optional.of("unsupported pixel format: 16 bits per sample (only 8)");
        }
        return Optional.empty();
    }

    /**
     * Decodes the first image (the first frame of an animation).
     *
     * @throws IOException           if the image is truncated or corrupt, also where ImageIO only warns
     * @throws CancellationException if cancelled meanwhile
     */
    BufferedImage decode() throws IOException {
        ImageIoGuard guard = new ImageIoGuard(cancelled);
        reader.addIIOReadProgressListener(guard);
        reader.addIIOReadWarningListener(guard);
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            // A read the input refused because of a cancellation fails in the plug-in's own words.
            guard.throwIfCancelled();
            throw e;
        } finally {
            reader.removeIIOReadProgressListener(guard);
            reader.removeIIOReadWarningListener(guard);
        }
        guard.throwIfCancelled();
        guard.throwIfCorrupt();
        metadata();
        return image;
    }

    /** The MIME type of this format, for the stored object. */
    String mimeType() {
        String[] types = reader.getOriginatingProvider() == null ? null : reader.getOriginatingProvider().getMIMETypes();
        return types == null || types.length == 0 ? "application/octet-stream" : types[0];
    }

    /**
     * Encodes {@code image} in this file's format as {@link OutputMetadata} describes.
     *
     * @throws IOException           if there is no writer for this format or it fails
     * @throws CancellationException if cancelled meanwhile
     */
    byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWriter(reader);
        if (writer == null) {
            throw new IOException("no writer for " + format + " images");
        }
        ImageIoGuard guard = new ImageIoGuard(cancelled);
        writer.addIIOWriteProgressListener(guard);
        try {
            ImageWriteParam param = OutputMetadata.param(format, writer);
            IIOMetadata out = OutputMetadata.of(format, writer, image, param, metadata);
            byte[] bytes = write(writer, new IIOImage(image, null, out), param);
            guard.throwIfCancelled();
            return bytes;
        } catch (IOException | RuntimeException e) {
            guard.throwIfCancelled();
            throw e;
        } finally {
            writer.dispose();
        }
    }

    private IIOMetadata metadata() throws IOException {
        if (metadata == null) {
            metadata = reader.getImageMetadata(0);
        }
        return metadata;
    }

    /** The number of components a JPEG's frame header declares, or 0 if the tree has none. */
    private static int components(Node jpegTree) {
        if (jpegTree instanceof IIOMetadataNode tree && tree.getElementsByTagName("sof").item(0) instanceof IIOMetadataNode sof) {
            return sof.getElementsByTagName("componentSpec").getLength();
        }
        return 0;
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
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
