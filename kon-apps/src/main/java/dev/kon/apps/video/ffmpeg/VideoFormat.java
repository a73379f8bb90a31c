package dev.kon.apps.video.ffmpeg;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link H264Encoder} writes: frame size, frame rate, container, and the libx264 speed/quality knobs.
 *
 * @param width     frame width in pixels, even, 16..7680 (yuv420p halves the chroma planes)
 * @param height    frame height in pixels, even, 16..4320
 * @param fps       frames per second
 * @param container mp4 or mkv
 * @param preset    libx264 preset, {@code ultrafast} .. {@code medium}; faster presets give bigger files
 * @param crf       libx264 constant rate factor, 0..51, lower is better quality; 23 is x264's default
 */
public record VideoFormat(int width, int height, FrameRate fps, Container container, String preset, int crf) {
    /** The presets offered: the slower ones cost far more than they save on a one-image-per-second slideshow. */
    public static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium");
    public static final int DEFAULT_WIDTH = 1920;
    public static final int DEFAULT_HEIGHT = 1080;
    public static final String DEFAULT_PRESET = "ultrafast";
    public static final int DEFAULT_CRF = 23;

    public VideoFormat {
        Objects.requireNonNull(fps, "fps");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(preset, "preset");
        if (width < 16 || width > 7680 || width % 2 != 0) {
            throw new IllegalArgumentException("width must be an even number of pixels in 16..7680, was " + width);
        }
        if (height < 16 || height > 4320 || height % 2 != 0) {
            throw new IllegalArgumentException("height must be an even number of pixels in 16..4320, was " + height);
        }
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("preset must be one of " + PRESETS + ", was '" + preset + "'");
        }
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("crf must be 0..51, was " + crf);
        }
    }

    /** 1920x1080, 1 frame/s, mp4, ultrafast, crf 23. */
    public static VideoFormat defaults() {
        return new VideoFormat(DEFAULT_WIDTH, DEFAULT_HEIGHT, FrameRate.ONE, Container.MP4, DEFAULT_PRESET,
                DEFAULT_CRF);
    }

    public VideoFormat withSize(int w, int h) {
        return new VideoFormat(w, h, fps, container, preset, crf);
    }

    public VideoFormat withFps(FrameRate f) {
        return new VideoFormat(width, height, f, container, preset, crf);
    }

    public VideoFormat withContainer(Container c) {
        return new VideoFormat(width, height, fps, c, preset, crf);
    }

    public VideoFormat withPreset(String p) {
        return new VideoFormat(width, height, fps, container, p, crf);
    }

    public VideoFormat withCrf(int c) {
        return new VideoFormat(width, height, fps, container, preset, c);
    }
}
