package dev.kon.apps.video.ffmpeg;

/**
 * Frames per second as an exact fraction, so that {@code n} frames last exactly {@code n * den / num} seconds
 * (a decimal such as 0.3 would not).
 *
 * @param num frames, 1..240
 * @param den per this many seconds, 1..3600
 */
public record FrameRate(int num, int den) {
    public FrameRate {
        if (num < 1 || num > 240) {
            throw new IllegalArgumentException("fps numerator must be 1..240, was " + num);
        }
        if (den < 1 || den > 3600) {
            throw new IllegalArgumentException("fps denominator must be 1..3600 seconds, was " + den);
        }
    }

    /** One frame per second, the seed's one image per second. */
    public static final FrameRate ONE = new FrameRate(1, 1);

    /** Parses {@code 2} (frames per second) or {@code 1/4} (one frame every 4 seconds). */
    public static FrameRate parse(String text) {
        try {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return new FrameRate(Integer.parseInt(text), 1);
            }
            return new FrameRate(Integer.parseInt(text.substring(0, slash)),
                    Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fps must be N or N/D with whole numbers, was '" + text + "'");
        }
    }

    /** How long {@code frames} frames last, in seconds. */
    public double secondsFor(long frames) {
        return frames * (double) den / num;
    }

    @Override
    public String toString() {
        return den == 1 ? Integer.toString(num) : num + "/" + den;
    }
}
