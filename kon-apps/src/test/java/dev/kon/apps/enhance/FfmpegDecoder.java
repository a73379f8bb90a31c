package dev.kon.apps.enhance;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A second opinion on an encoded JPEG or PNG: decodes it with FFmpeg's libavcodec (the bundled
 * {@code org.bytedeco:ffmpeg}, in this process), which shares no code with javax.imageio. Error detection is set
 * to explode: a bad Huffman code, a truncated scan or a broken PNG chunk fails the decode instead of being
 * concealed. Test code; stateless.
 */
final class FfmpegDecoder {
    private static final int AVERROR_EAGAIN = -11;
    /** {@code AV_FRAME_FLAG_CORRUPT} of libavutil/frame.h, which the bindings do not export. */
    private static final int FRAME_FLAG_CORRUPT = 1;

    static {
        // Errors still print; swscale's warning about the JPEG pixel formats' names would on every decode.
        av_log_set_level(AV_LOG_ERROR);
    }

    private FfmpegDecoder() {
    }

    /**
     * Decoded samples, interleaved, in the order R, G, B (A) or grey (A).
     *
     * @param pixelFormat FFmpeg's name of the decoded layout ({@code yuvj420p}, {@code rgb24}, {@code pal8}, ...)
     * @param channels    1 grey, 2 grey + alpha, 3 RGB, 4 RGBA
     */
    record Decoded(String pixelFormat, int width, int height, int channels, int[] samples) {
    }

    /** Decodes {@code bytes} (JPEG or PNG); throws {@link IllegalStateException} naming FFmpeg's error. */
    static Decoded decode(byte[] bytes) {
        boolean png = bytes.length > 8 && bytes[0] == (byte) 0x89 && bytes[1] == 'P';
        AVCodec codec = avcodec_find_decoder(png ? AV_CODEC_ID_PNG : AV_CODEC_ID_MJPEG);
        AVCodecContext decoder = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        BytePointer data = new BytePointer(av_malloc(bytes.length + AV_INPUT_BUFFER_PADDING_SIZE));
        try {
            decoder.err_recognition(AV_EF_EXPLODE | AV_EF_CRCCHECK | AV_EF_BITSTREAM | AV_EF_BUFFER);
            decoder.thread_count(1);
            check(avcodec_open2(decoder, codec, (PointerPointer<?>) null), "opening the decoder");
            data.capacity(bytes.length + AV_INPUT_BUFFER_PADDING_SIZE);
            data.position(0).put(bytes).position(bytes.length).put(new byte[AV_INPUT_BUFFER_PADDING_SIZE]).position(0);
            check(av_packet_from_data(packet, data, bytes.length), "wrapping the bytes");
            data = null; // the packet owns it now
            check(avcodec_send_packet(decoder, packet), "decoding");
            check(avcodec_send_packet(decoder, null), "flushing");
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret == AVERROR_EAGAIN || ret == AVERROR_EOF) {
                throw new IllegalStateException("ffmpeg decoded no picture");
            }
            check(ret, "decoding");
            if (frame.decode_error_flags() != 0 || (frame.flags() & FRAME_FLAG_CORRUPT) != 0) {
                throw new IllegalStateException("ffmpeg flags the picture as corrupt (decode_error_flags "
                        + frame.decode_error_flags() + ")");
            }
            return samples(frame);
        } finally {
            if (data != null) {
                av_free(data);
            }
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(decoder);
        }
    }

    private static Decoded samples(AVFrame frame) {
        int w = frame.width();
        int h = frame.height();
        int format = frame.format();
        String name = av_get_pix_fmt_name(format).getString();
        if (format == AV_PIX_FMT_GRAY8 || format == AV_PIX_FMT_YA8 || format == AV_PIX_FMT_RGB24
                || format == AV_PIX_FMT_RGBA) {
            int channels = format == AV_PIX_FMT_GRAY8 ? 1 : format == AV_PIX_FMT_YA8 ? 2
                    : format == AV_PIX_FMT_RGB24 ? 3 : 4;
            return new Decoded(name, w, h, channels, plane(frame.data(0), frame.linesize(0), w * channels, h));
        }
        if (format == AV_PIX_FMT_PAL8) {
            int[] indices = plane(frame.data(0), frame.linesize(0), w, h);
            int[] argb = new int[256];
            frame.data(1).position(0).capacity(1024).asByteBuffer().order(java.nio.ByteOrder.nativeOrder())
                    .asIntBuffer().get(argb);
            int[] rgba = new int[w * h * 4];
            for (int i = 0; i < indices.length; i++) {
                int c = argb[indices[i]];
                rgba[4 * i] = c >> 16 & 255;
                rgba[4 * i + 1] = c >> 8 & 255;
                rgba[4 * i + 2] = c & 255;
                rgba[4 * i + 3] = c >>> 24;
            }
            return new Decoded(name, w, h, 4, rgba);
        }
        if (format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P
                || format == AV_PIX_FMT_YUVJ440P || format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUV444P) {
            return new Decoded(name, w, h, 3, toRgb(frame));
        }
        throw new IllegalStateException("no conversion in this test for ffmpeg's pixel format " + name);
    }

    /** JPEG's full-range BT.601 YCbCr to RGB, as libjpeg defines it, with chroma upsampled by swscale. */
    private static int[] toRgb(AVFrame frame) {
        int w = frame.width();
        int h = frame.height();
        SwsContext sws = sws_getContext(w, h, frame.format(), w, h, AV_PIX_FMT_RGB24,
                SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, null, null, (DoublePointer) null);
        if (sws == null) {
            throw new IllegalStateException("creating the YCbCr to RGB converter failed");
        }
        try (BytePointer rgb = new BytePointer((long) w * h * 3);
             PointerPointer<BytePointer> planes = new PointerPointer<BytePointer>(1).put(0, rgb);
             IntPointer strides = new IntPointer(1).put(0, w * 3)) {
            IntPointer coefficients = sws_getCoefficients(SWS_CS_ITU601);
            sws_setColorspaceDetails(sws, coefficients, 1, coefficients, 1, 0, 1 << 16, 1 << 16);
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, planes, strides);
            return plane(rgb, w * 3, w * 3, h);
        } finally {
            sws_freeContext(sws);
        }
    }

    private static int[] plane(BytePointer data, int stride, int rowBytes, int rows) {
        byte[] row = new byte[rowBytes];
        int[] out = new int[rowBytes * rows];
        for (int y = 0; y < rows; y++) {
            data.position((long) y * stride).get(row);
            for (int i = 0; i < rowBytes; i++) {
                out[y * rowBytes + i] = row[i] & 255;
            }
        }
        data.position(0);
        return out;
    }

    private static void check(int ret, String step) {
        if (ret < 0) {
            byte[] buf = new byte[256];
            av_strerror(ret, buf, buf.length);
            int len = 0;
            while (len < buf.length && buf[len] != 0) {
                len++;
            }
            throw new IllegalStateException("ffmpeg: " + step + " failed: " + new String(buf, 0, len,
                    StandardCharsets.UTF_8) + " (" + ret + ")");
        }
    }
}
