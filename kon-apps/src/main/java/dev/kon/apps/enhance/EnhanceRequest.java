package dev.kon.apps.enhance;

import dev.kon.blob.BlobKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One CloudPic request, as written in an {@code enhance} task's arguments: {@code INPUT_KEY OUTPUT_KEY FACTOR}.
 * The keys are blob keys (no blanks); the factor is a decimal from 0 to {@value #MAX_FACTOR}: 1 keeps the image,
 * 0 makes it a uniform grey, above 1 raises the contrast ({@value #DEFAULT_FACTOR} by default, as in the seed).
 *
 * <p>Client side, {@link #forUpload} names both keys for a local file: {@code uploads/<uuid>/<filename>} and
 * {@code enhanced/<uuid>/<name>-enhanced.<ext>}. The worker writes not the output key itself but
 * {@link #outputKeyFor its attempt's key}, {@code enhanced/<uuid>/<name>-enhanced.a<attempt>.<ext>}, and reports
 * it in its {@link EnhanceAnswer}.
 *
 * @param inputKey  the image to read
 * @param outputKey where to write the result
 * @param factor    the contrast factor
 */
public record EnhanceRequest(String inputKey, String outputKey, double factor) {
    /** The seed's factor ("enhances the quality of a picture"): {@code ImageEnhance.Contrast(im).enhance(1.8)}. */
    public static final double DEFAULT_FACTOR = 1.8;
    /** The largest factor accepted; far beyond it every pixel is already black or white. */
    public static final double MAX_FACTOR = 1000;
    /** The longest output key in bytes: the blob key limit (1024) less room for the attempt suffix. */
    public static final int MAX_OUTPUT_KEY_BYTES = 1000;

    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern DECIMAL = Pattern.compile("\\+?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final int MAX_NAME_CHARS = 200;
    private static final Pattern UNSAFE_NAME_CHARS = Pattern.compile("[^A-Za-z0-9._-]+");

    public EnhanceRequest {
        checkKey("input key", inputKey);
        checkKey("output key", outputKey);
        if (!(factor >= 0 && factor <= MAX_FACTOR)) {
            throw new IllegalArgumentException("factor must be a decimal from 0 to " + (long) MAX_FACTOR + ", was " + factor);
        }
        if (outputKey.getBytes(StandardCharsets.UTF_8).length > MAX_OUTPUT_KEY_BYTES) {
            throw new IllegalArgumentException("output key must be at most " + MAX_OUTPUT_KEY_BYTES + " bytes (room for"
                    + " the attempt number), was " + outputKey.getBytes(StandardCharsets.UTF_8).length + " bytes");
        }
        if (inputKey.equals(outputKey)) {
            throw new IllegalArgumentException("output key must differ from the input key, both are '"
                    + UserText.clip(inputKey) + "'");
        }
    }

    /**
     * The key attempt {@code attempt} of the task writes: the output key with {@code .a<attempt>} before the
     * extension of its last segment ({@code enhanced/x/cat-enhanced.jpg} -> {@code enhanced/x/cat-enhanced.a2.jpg};
     * appended if there is no extension). Each attempt writes its own object, so an attempt that lost its lease but
     * still runs cannot overwrite the result of the attempt that completed.
     *
     * @param attempt the run's fencing token ({@link dev.kon.task.TaskContext#attempt()}), at least 1
     */
    public String outputKeyFor(long attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        int slash = outputKey.lastIndexOf('/');
        int dot = outputKey.lastIndexOf('.');
        // A dot that starts the last segment is a hidden file's name, not an extension.
        boolean extension = dot > slash + 1;
        String base = extension ? outputKey.substring(0, dot) : outputKey;
        return base + ".a" + attempt + (extension ? outputKey.substring(dot) : "");
    }

    /**
     * Reads task arguments.
     *
     * @throws IllegalArgumentException saying which of the three parts is missing or wrong
     */
    public static EnhanceRequest parse(String args) {
        String trimmed = Objects.requireNonNull(args, "args").strip();
        String[] parts = trimmed.isEmpty() ? new String[0] : BLANKS.split(trimmed);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "expected INPUT_KEY OUTPUT_KEY FACTOR, got " + parts.length + " argument" + (parts.length == 1 ? "" : "s"));
        }
        double factor = DECIMAL.matcher(parts[2]).matches() ? Double.parseDouble(parts[2]) : Double.NaN;
        if (!(factor <= MAX_FACTOR)) {
            throw new IllegalArgumentException("factor must be a decimal from 0 to " + (long) MAX_FACTOR
                    + ", was '" + UserText.clip(parts[2]) + "'");
        }
        return new EnhanceRequest(parts[0], parts[1], factor);
    }

    /** The task arguments for this request; {@link #parse} reads them back. */
    public String toArgs() {
        return inputKey + " " + outputKey + " " + BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString();
    }

    /** A request for a local file about to be uploaded: fresh keys under one new id, factor {@code factor}. */
    public static EnhanceRequest forUpload(String fileName, double factor) {
        UUID id = UUID.randomUUID();
        return new EnhanceRequest(uploadKey(id, fileName), resultKey(id, fileName), factor);
    }

    /** {@code uploads/<id>/<filename>}, the file name reduced to letters, digits, '.', '_' and '-'. */
    public static String uploadKey(UUID id, String fileName) {
        return EnhanceConfig.DEFAULT_INPUT_PREFIX + id + "/" + safeName(fileName);
    }

    /** {@code enhanced/<id>/<name>-enhanced.<ext>}, the extension lower-cased ({@code cat.JPG -> cat-enhanced.jpg}). */
    public static String resultKey(UUID id, String fileName) {
        String name = safeName(fileName);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
        return EnhanceConfig.DEFAULT_OUTPUT_PREFIX + id + "/" + base + "-enhanced" + ext;
    }

    /** The last path segment of {@code fileName}, safe as one key segment on every blob backend. */
    static String safeName(String fileName) {
        String last = Objects.requireNonNull(fileName, "fileName").replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        String safe = UNSAFE_NAME_CHARS.matcher(last).replaceAll("_");
        if (safe.length() > MAX_NAME_CHARS) {
            // Keep the end: it holds the extension.
            safe = safe.substring(safe.length() - MAX_NAME_CHARS);
        }
        // Leading dots would make hidden files locally and "." or ".." segments, which keys refuse.
        safe = safe.replaceFirst("^\\.+", "");
        return safe.isEmpty() ? "image" : safe;
    }

    private static void checkKey(String what, String key) {
        try {
            BlobKeys.check(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        if (BLANKS.matcher(key).find()) {
            throw new IllegalArgumentException(what + " must not contain blanks, was '" + UserText.clip(key) + "'");
        }
    }
}
