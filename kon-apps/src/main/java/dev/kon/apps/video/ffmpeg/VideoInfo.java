package dev.kon.apps.video.ffmpeg;

/**
 * What {@link VideoProbe} found in a video file.
 *
 * @param durationSeconds the container's duration, seconds (what a player shows)
 * @param frames          video frames counted by reading every packet (not the header's claim)
 * @param width           frame width, pixels
 * @param height          frame height, pixels
 * @param codec           the video codec's FFmpeg name, for example {@code h264}
 * @param pixelFormat     the decoded pixel format's FFmpeg name, for example {@code yuv420p}
 * @param formatName      the demuxer's name, for example {@code mov,mp4,m4a,3gp,3g2,mj2} or {@code matroska,webm}
 */
public record VideoInfo(double durationSeconds, long frames, int width, int height, String codec, String pixelFormat,
                        String formatName) {
}
