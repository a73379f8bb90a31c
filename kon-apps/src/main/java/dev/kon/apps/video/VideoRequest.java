package dev.kon.apps.video;

import dev.kon.apps.video.ffmpeg.Container;
import dev.kon.apps.video.ffmpeg.FrameRate;
import dev.kon.apps.video.ffmpeg.VideoFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed arguments of one {@code video} task: {@code [--key=value...] OUTPUT_NAME URL [URL...]}. See
 * {@link VideoHandler} for the options and their defaults.
 *
 * @param outputName   the video's name; it is stored under {@code videos/<outputName>.a<attempt>.<ext>}
 * @param format       size, frame rate, container and encoder settings
 * @param expiry       how long the returned URL stays valid
 * @param allowMissing how many images may be unusable and left out; more fails the task (0: every image counts)
 * @param images       the images, one frame each, in order
 */
public record VideoRequest(String outputName, VideoFormat format, Duration expiry, int allowMissing,
                           List<ImageRef> images) {
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(10);
    /** The longest an S3 presigned URL can live. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);
    /** By default every image is required: a missing one fails the task rather than shortening the video. */
    public static final int DEFAULT_ALLOW_MISSING = 0;
    /** The largest {@code --allow-missing}: a bound, not a promise that a task of that many images runs. */
    public static final int MAX_ALLOW_MISSING = 100_000;

    private static final int MAX_OPTION_CHARS = 32;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern OPTION = Pattern.compile("--([a-z-]+)=(.*)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(s|m|h|d)");

    public VideoRequest {
        images = List.copyOf(images);
        if (!NAME.matcher(outputName).matches()) {
            throw new IllegalArgumentException("OUTPUT_NAME must be 1-128 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit, was '" + Excerpt.of(outputName) + "'");
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("at least one image URL is needed after OUTPUT_NAME");
        }
        if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("expiry must be 1s..7d, was " + expiry.toSeconds() + "s");
        }
        // Not bounded by the URLs given: kon animoto passes one allowance to jobs of any length.
        if (allowMissing < 0 || allowMissing > MAX_ALLOW_MISSING) {
            throw new IllegalArgumentException("allow-missing must be 0.." + MAX_ALLOW_MISSING + ", was "
                    + allowMissing);
        }
    }

    /**
     * The blob key the video of run {@code attempt} is stored under, {@code videos/NAME.aATTEMPT.EXT}: each attempt
     * writes its own object, so a stale attempt never overwrites the video of the attempt that completes.
     */
    public String blobKey(long attempt) {
        return "videos/" + outputName + ".a" + attempt + "." + format.container().extension();
    }

    /** Parses task arguments; the exception's message names the offending word. */
    public static VideoRequest parse(String args) {
        String[] words = args.trim().isEmpty() ? new String[0] : args.trim().split("\\s+");
        VideoFormat format = VideoFormat.defaults();
        Duration expiry = DEFAULT_EXPIRY;
        int allowMissing = DEFAULT_ALLOW_MISSING;
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (; i < words.length && words[i].startsWith("--"); i++) {
            Matcher m = OPTION.matcher(words[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("option '" + Excerpt.of(words[i]) + "' must be --key=value");
            }
            String key = m.group(1);
            String value = m.group(2);
            // No option value is anywhere near this long; refusing here keeps every message below short.
            if (value.length() > MAX_OPTION_CHARS) {
                throw new IllegalArgumentException("option --" + Excerpt.of(key) + " has a value of "
                        + value.length() + " characters, at most " + MAX_OPTION_CHARS + " taken");
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("option --" + key + " given twice");
            }
            try {
                switch (key) {
                    case "fps" -> format = format.withFps(FrameRate.parse(value));
                    case "size" -> format = withSize(format, value);
                    case "container" -> format = format.withContainer(Container.parse(value));
                    case "codec" -> checkCodec(value);
                    case "preset" -> format = format.withPreset(value.toLowerCase(Locale.ROOT));
                    case "crf" -> format = format.withCrf(integer(value));
                    case "expiry" -> expiry = duration(value);
                    case "allow-missing" -> allowMissing = integer(value);
                    case "min-images" -> throw new IllegalArgumentException("no longer taken: every image is "
                            + "required unless --allow-missing=N lets up to N be left out");
                    default -> throw new IllegalArgumentException("unknown option; known: --fps, --size, "
                            + "--container, --codec, --preset, --crf, --expiry, --allow-missing");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option " + Excerpt.of("--" + key + "=" + value) + ": "
                        + e.getMessage());
            }
        }
        if (i == words.length) {
            throw new IllegalArgumentException("usage: [--key=value...] OUTPUT_NAME URL [URL...]");
        }
        String name = words[i++];
        List<ImageRef> images = new ArrayList<>(words.length - i);
        for (; i < words.length; i++) {
            images.add(ImageRef.parse(words[i]));
        }
        return new VideoRequest(name, format, expiry, allowMissing, images);
    }

    private static VideoFormat withSize(VideoFormat format, String value) {
        Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("size must be WIDTHxHEIGHT, for example 1920x1080");
        }
        return format.withSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private static void checkCodec(String value) {
        String codec = value.toLowerCase(Locale.ROOT);
        if (!codec.equals("h264") && !codec.equals("libx264")) {
            throw new IllegalArgumentException("codec must be h264 (libx264), the only one built in");
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    /** Parses {@code 90s}, {@code 10m}, {@code 2h} or {@code 7d}. */
    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("duration must be a whole number and a unit s, m, h or d, like 10m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
