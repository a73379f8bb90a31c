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
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * CloudPic as a Kon task type, {@code enhance}: reads an image from the blob store, raises its contrast as
 * Pillow's {@code ImageEnhance.Contrast} does ({@link Contrast}), and writes the result under another key in the
 * same format, size and colour mode (how it is encoded: {@link OutputMetadata}). Arguments:
 * {@code INPUT_KEY OUTPUT_KEY FACTOR} ({@link EnhanceRequest}); output: {@code KEY WIDTHxHEIGHT FORMAT}
 * ({@link EnhanceAnswer}), where {@code KEY} is the output key with this run's attempt number in it
 * ({@link EnhanceRequest#outputKeyFor}): a stale attempt never overwrites the object the completing attempt
 * reports.
 *
 * <p>Guards, each a {@link PermanentTaskFailure} with the reason, never a dead worker: the input key must start
 * with the configured input prefix and the output key with the output prefix; the input may be at most
 * {@link EnhanceConfig#maxBytes} long, counted while reading; its header may declare at most
 * {@link EnhanceConfig#maxPixels} pixels, checked before any pixel is decoded; a CMYK JPEG or 16-bit PNG is
 * refused from its header; a missing key, bytes that are not an image, an image that is truncated or corrupt
 * (also where javax.imageio only warns), and a pixel format {@link Contrast} does not handle all fail the task.
 * Messages quote at most 200 characters of any key or decoder message.
 *
 * <p>Thread-safety: immutable; one instance serves all worker threads. The {@link java.util.ServiceLoader} uses
 * the no-argument constructor, which takes {@link EnhanceConfig#defaults()}. A blob store failure propagates and
 * is retried under the worker's policy. Cancellation ({@link TaskContext#isCancelled()} or an interrupt) stops
 * decoding, enhancing and encoding within milliseconds and ends the task with a {@link RetryLaterException}
 * saying so; nothing is written then.
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

    /** The default time limit of one attempt, in minutes. */
    static final int TIME_LIMIT_MINUTES = 5;

    @Override
    public String type() {
        return TYPE;
    }

    /** {@value #TIME_LIMIT_MINUTES} minutes: a 25-megapixel photo takes seconds; longer means it is stuck. */
    @Override
    public java.time.Duration timeLimit(String args) {
        return java.time.Duration.ofMinutes(TIME_LIMIT_MINUTES);
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
        String shown = UserText.clip(key);
        String outputKey = request.outputKeyFor(ctx.attempt());
        // The worker interrupts the task's thread and sets the flag together; either one stops the work.
        BooleanSupplier cancelled = () -> ctx.isCancelled() || Thread.currentThread().isInterrupted();
        try {
            byte[] bytes = readAtMost(ctx.blobs(), key, config.maxBytes());
            try (ImageFile file = open(bytes, shown, cancelled)) {
                BufferedImage image = decodeWithinLimits(file, shown);
                BufferedImage enhanced;
                try {
                    enhanced = Contrast.enhance(image, request.factor(), cancelled);
                } catch (IllegalArgumentException e) {
                    throw new PermanentTaskFailure("cannot enhance '" + shown + "': " + e.getMessage(), e);
                }
                byte[] encoded;
                try {
                    encoded = file.encode(enhanced);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof CancellationException c) {
                        throw c;
                    }
                    throw new PermanentTaskFailure("cannot write '" + shown + "' back as " + file.format() + ": "
                            + reason(e), e);
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled before writing");
                }
                ctx.blobs().putBytes(outputKey, encoded, file.mimeType());
                EnhanceAnswer answer = new EnhanceAnswer(outputKey, image.getWidth(), image.getHeight(), file.format());
                ctx.log().debug("task {}: {} -> {} ({} bytes)", task.id(), key, answer.toOutput(), encoded.length);
                return answer.toOutput();
            }
        } catch (CancellationException e) {
            throw new RetryLaterException("cancelled while enhancing '" + shown + "' (" + e.getMessage() + ")", e);
        }
    }

    /** Parses the arguments and checks both keys against this handler's prefixes. */
    private EnhanceRequest request(String args) {
        EnhanceRequest request = EnhanceRequest.parse(args);
        if (!request.inputKey().startsWith(config.inputPrefix())) {
            throw new IllegalArgumentException("input key must start with '" + config.inputPrefix() + "', was '"
                    + UserText.clip(request.inputKey()) + "'");
        }
        if (!request.outputKey().startsWith(config.outputPrefix())) {
            throw new IllegalArgumentException("output key must start with '" + config.outputPrefix() + "', was '"
                    + UserText.clip(request.outputKey()) + "'");
        }
        return request;
    }

    /** Reads the object, refusing it as soon as it passes {@code maxBytes}, whatever its stored size says. */
    private static byte[] readAtMost(BlobStore blobs, String key, long maxBytes) throws IOException {
        try (InputStream in = blobs.get(key)) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new PermanentTaskFailure("image '" + UserText.clip(key) + "' is too large: over the limit of "
                        + maxBytes + " bytes");
            }
            return bytes;
        } catch (BlobNotFoundException e) {
            throw new PermanentTaskFailure("no such image: " + UserText.clip(key), e);
        }
    }

    private static ImageFile open(byte[] bytes, String key, BooleanSupplier cancelled) {
        try {
            return ImageFile.open(bytes, cancelled);
        } catch (IOException | RuntimeException e) {
            throw unreadable(key, e);
        }
    }

    /**
     * Reads the size from the header and refuses too many pixels, then refuses what the headers show cannot be
     * enhanced, and only then decodes.
     */
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
        Optional<String> refusal;
        try {
            refusal = file.refusal();
        } catch (IOException | RuntimeException e) {
            throw unreadable(key, e);
        }
        if (refusal.isPresent()) {
            throw new PermanentTaskFailure("cannot enhance '" + key + "': " + refusal.get());
        }
        try {
            return file.decode();
        } catch (IOException | RuntimeException e) {
            // Decoders throw runtime exceptions too (array bounds, bad arguments) on malformed data.
            throw unreadable(key, e);
        }
    }

    /** A failure to read: permanent, since the same bytes fail the same way; a cancellation passes through. */
    private static PermanentTaskFailure unreadable(String key, Exception e) {
        if (e instanceof CancellationException c) {
            throw c;
        }
        return new PermanentTaskFailure("unreadable image '" + key + "': " + reason(e), e);
    }

    private static String reason(Exception e) {
        return UserText.clip(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
