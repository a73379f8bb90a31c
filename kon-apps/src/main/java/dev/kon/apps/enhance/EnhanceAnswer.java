package dev.kon.apps.enhance;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an {@code enhance} task reports: {@code OUTPUT_KEY WIDTHxHEIGHT FORMAT}, for example
 * {@code enhanced/<uuid>/cat-enhanced.a1.jpg 4000x3000 jpeg} (the key names the attempt that wrote it:
 * {@link EnhanceRequest#outputKeyFor}). The client ({@code kon pic}) reads it with {@link #parse} and downloads
 * the key.
 *
 * @param key    where the result was written
 * @param width  its width in pixels (the input's)
 * @param height its height in pixels (the input's)
 * @param format its format as javax.imageio names it, lower case ({@code jpeg}, {@code png}, ...)
 */
public record EnhanceAnswer(String key, int width, int height, String format) {
    private static final Pattern FORM = Pattern.compile("(\\S+) (\\d{1,9})x(\\d{1,9}) (\\S+)");

    public EnhanceAnswer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be at least 1x1 pixels, was " + width + "x" + height);
        }
        format = format.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads an {@code enhance} task's output.
     *
     * @throws IllegalArgumentException if it is not {@code KEY WIDTHxHEIGHT FORMAT}
     */
    public static EnhanceAnswer parse(String output) {
        Matcher m = FORM.matcher(Objects.requireNonNull(output, "output").strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an enhance answer (expected KEY WIDTHxHEIGHT FORMAT): '"
                    + UserText.clip(output) + "'");
        }
        return new EnhanceAnswer(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4));
    }

    /** The task output: {@code KEY WIDTHxHEIGHT FORMAT}; {@link #parse} reads it back. */
    public String toOutput() {
        return key + " " + width + "x" + height + " " + format;
    }
}
