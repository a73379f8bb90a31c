package dev.kon.apps.video.ffmpeg;

import java.util.Locale;

/** The file formats the encoder writes: each names its libavformat muxer, file extension and MIME type. */
public enum Container {
    MP4("mp4", "mp4", "video/mp4"),
    MKV("matroska", "mkv", "video/x-matroska");

    private final String muxer;
    private final String extension;
    private final String contentType;

    Container(String muxer, String extension, String contentType) {
        this.muxer = muxer;
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The libavformat muxer name. */
    public String muxer() {
        return muxer;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The MIME type to store the file under. */
    public String contentType() {
        return contentType;
    }

    /** Parses {@code mp4} or {@code mkv} (any case). */
    public static Container parse(String name) {
        for (Container c : values()) {
            if (c.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("container must be mp4 or mkv, was '" + name + "'");
    }
}
