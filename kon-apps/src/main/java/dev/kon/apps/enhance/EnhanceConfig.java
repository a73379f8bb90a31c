package dev.kon.apps.enhance;

import java.util.Objects;

/**
 * What an {@link EnhanceHandler} accepts: where inputs may be read and results written, and how large an image
 * may be. Immutable; start from {@link #defaults()} and change fields with the {@code withX} methods.
 *
 * @param inputPrefix  an input key must start with it (default {@value #DEFAULT_INPUT_PREFIX}), so a task cannot
 *                     make a worker read logs or other users' results
 * @param outputPrefix an output key must start with it (default {@value #DEFAULT_OUTPUT_PREFIX}), so a task
 *                     cannot overwrite anything else
 * @param maxBytes     the largest encoded input, in bytes (default {@value #DEFAULT_MAX_BYTES}, 64 MiB), counted
 *                     while reading
 * @param maxPixels    the most pixels (width x height) an input may declare in its header (default
 *                     {@value #DEFAULT_MAX_PIXELS}, 100 megapixels); checked before decoding, against
 *                     decompression bombs
 */
public record EnhanceConfig(String inputPrefix, String outputPrefix, long maxBytes, long maxPixels) {
    /** Default {@link #inputPrefix}: where clients upload. */
    public static final String DEFAULT_INPUT_PREFIX = "uploads/";
    /** Default {@link #outputPrefix}: where results go. */
    public static final String DEFAULT_OUTPUT_PREFIX = "enhanced/";
    /** Default {@link #maxBytes}: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** Default {@link #maxPixels}: 100 megapixels (a 12-megapixel photo is well within). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** The largest {@link #maxBytes} allowed: inputs are read into one array. */
    public static final long MAX_BYTES_LIMIT = Integer.MAX_VALUE - 16L;

    public EnhanceConfig {
        Objects.requireNonNull(inputPrefix, "inputPrefix");
        Objects.requireNonNull(outputPrefix, "outputPrefix");
        if (maxBytes < 1 || maxBytes > MAX_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "maxBytes must be between 1 and " + MAX_BYTES_LIMIT + " bytes, was " + maxBytes + " bytes");
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1 pixel, was " + maxPixels + " pixels");
        }
    }

    /** The defaults: {@code uploads/} in, {@code enhanced/} out, 64 MiB, 100 megapixels. */
    public static EnhanceConfig defaults() {
        return new EnhanceConfig(DEFAULT_INPUT_PREFIX, DEFAULT_OUTPUT_PREFIX, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);
    }

    public EnhanceConfig withInputPrefix(String prefix) {
        return new EnhanceConfig(prefix, outputPrefix, maxBytes, maxPixels);
    }

    public EnhanceConfig withOutputPrefix(String prefix) {
        return new EnhanceConfig(inputPrefix, prefix, maxBytes, maxPixels);
    }

    public EnhanceConfig withMaxBytes(long bytes) {
        return new EnhanceConfig(inputPrefix, outputPrefix, bytes, maxPixels);
    }

    public EnhanceConfig withMaxPixels(long pixels) {
        return new EnhanceConfig(inputPrefix, outputPrefix, maxBytes, pixels);
    }
}
