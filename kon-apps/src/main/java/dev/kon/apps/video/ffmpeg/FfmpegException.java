package dev.kon.apps.video.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.kon.KonException;
import java.nio.charset.StandardCharsets;

/** A libav* call failed; the message names the step and FFmpeg's own description of the error code. */
public class FfmpegException extends KonException {
    public FfmpegException(String message) {
        super(message);
    }

    /** Returns {@code ret} if it is not an error code, otherwise throws naming {@code step}. */
    static int check(int ret, String step) {
        if (ret < 0) {
            throw new FfmpegException(step + " failed: " + describe(ret) + " (" + ret + ")");
        }
        return ret;
    }

    static String describe(int errorCode) {
        byte[] buf = new byte[256];
        if (av_strerror(errorCode, buf, buf.length) < 0) {
            return "unknown error";
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
