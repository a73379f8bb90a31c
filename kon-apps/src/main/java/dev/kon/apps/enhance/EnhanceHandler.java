package dev.kon.apps.enhance;

import dev.kon.blob.BlobNotFoundException;
import dev.kon.blob.BlobStore;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.RetryLaterException;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * CloudPic as a Kon task type, {@code enhance}: reads an image from the blob store, raises its contrast as
 * Pillow's {@code ImageEnhance.Contrast} does ({@link Contrast}), and writes the result under another key in the
 * same format, size and colour mode. Arguments: {@code INPUT_KEY OUTPUT_KEY FACTOR} ({@link EnhanceRequest});
 * output: {@code OUTPUT_KEY WIDTHxHEIGHT FORMAT} ({@link EnhanceAnswer}).
 *
 * <p>Guards, each a {@link PermanentTaskFailure} with the reason, never a dead worker: the input key must start
 * with the configured input prefix and the output key with the output prefix; the input may be at most
 * {@link EnhanceConfig#maxBytes} long, counted while reading; its header may declare at most
 * {@link EnhanceConfig#maxPixels} pixels, checked before any pixel is decoded; a missing key, bytes that are not an
 * image, an image that does not decode, and a pixel format {@link Contrast} does not handle all fail the task.
 *
 * <p>Thread-safety: immutable; one instance serves all worker threads. The {@link java.util.ServiceLoader} uses
 * the no-argument constructor, which takes {@link EnhanceConfig#defaults()}. A blob store failure propagates and
 * is retried under the worker's policy; a cancelled task gives up between decoding and writing.
 */
public final class EnhanceHandler implements TaskHandler {
    /** The task type. */
    public static final String TYPE = "enhance";

    private final EnhanceConfig config;

    /** A handler with {@link EnhanceConfig#defaults()}. */
    public EnhanceHandler() {
        this(EnhanceConfig.defaults());
    }

    public EnhanceHandler(EnhanceConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public EnhanceConfig config() {
        return config;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String validate(String args) {
        try {
            request(args);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Override
    public String handle(Task task, TaskContext ctx) throws IOException {
        EnhanceRequest request;
        try {
            request = request(task.args());
        } catch (IllegalArgumentException e) {
            throw new PermanentTaskFailure(e.getMessage(), e);
        }
        String key = request.inputKey();
        byte[] bytes = readAtMost(ctx.blobs(), key, config.maxBytes());
        try (ImageFile file = open(bytes, key)) {
            BufferedImage image = decodeWithinLimits(file, key);
            BufferedImage enhanced;
            try {
                enhanced = Contrast.enhance(image, request.factor());
            } catch (IllegalArgumentException e) {
                throw new PermanentTaskFailure("cannot enhance '" + key + "': " + e.getMessage(), e);
            }
            if (ctx.isCancelled()) {
                throw new RetryLaterException("cancelled before writing '" + request.outputKey() + "'");
            }
            byte[] encoded;
            try {
                encoded = file.encode(enhanced);
            } catch (IOException | RuntimeException e) {
                throw new PermanentTaskFailure("cannot write '" + key + "' back as " + file.format() + ": "
                        + reason(e), e);
            }
            ctx.blobs().putBytes(request.outputKey(), encoded, file.mimeType());
            EnhanceAnswer answer = new EnhanceAnswer(request.outputKey(), image.getWidth(), image.getHeight(),
                    file.format());
            ctx.log().debug("task {}: {} -> {} ({} bytes)", task.id(), key, answer.toOutput(), encoded.length);
            return answer.toOutput();
        }
    }

    /** Parses the arguments and checks both keys against this handler's prefixes. */
    private EnhanceRequest request(String args) {
        EnhanceRequest request = EnhanceRequest.parse(args);
        if (!request.inputKey().startsWith(config.inputPrefix())) {
            throw new IllegalArgumentException("input key must start with '" + config.inputPrefix() + "', was '"
                    + request.inputKey() + "'");
        }
        if (!request.outputKey().startsWith(config.outputPrefix())) {
            throw new IllegalArgumentException("output key must start with '" + config.outputPrefix() + "', was '"
                    + request.outputKey() + "'");
        }
        return request;
    }

    /** Reads the object, refusing it as soon as it passes {@code maxBytes}, whatever its stored size says. */
    private static byte[] readAtMost(BlobStore blobs, String key, long maxBytes) throws IOException {
        try (InputStream in = blobs.get(key)) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new PermanentTaskFailure("image '" + key + "' is too large: over the limit of " + maxBytes
                        + " bytes");
            }
            return bytes;
        } catch (BlobNotFoundException e) {
            throw new PermanentTaskFailure("no such image: " + key, e);
        }
    }

    private static ImageFile open(byte[] bytes, String key) {
        try {
            return ImageFile.open(bytes);
        } catch (IOException | RuntimeException e) {
            throw unreadable(key, e);
        }
    }

    /** Reads the size from the header, refuses too many pixels, and only then decodes. */
    private BufferedImage decodeWithinLimits(ImageFile file, String key) {
        int width;
        int height;
        try {
            width = file.width();
            height = file.height();
        } catch (IOException | RuntimeException e) {
            throw unreadable(key, e);
        }
        long pixels = (long) width * height;
        if (pixels > config.maxPixels()) {
            throw new PermanentTaskFailure("image '" + key + "' is too large: " + width + "x" + height + " is "
                    + pixels + " pixels (at most " + config.maxPixels() + ")");
        }
        try {
            return file.decode();
        } catch (IOException | RuntimeException e) {
            // Decoders throw runtime exceptions too (array bounds, bad arguments) on malformed data.
            throw unreadable(key, e);
        }
    }

    private static PermanentTaskFailure unreadable(String key, Exception e) {
        return new PermanentTaskFailure("unreadable image '" + key + "': " + reason(e), e);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
