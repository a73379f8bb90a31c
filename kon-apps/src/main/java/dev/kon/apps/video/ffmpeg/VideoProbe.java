package dev.kon.apps.video.ffmpeg;

import static dev.kon.apps.video.ffmpeg.FfmpegException.check;
import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads a video file in this process through libavformat and libavcodec: its duration, frame count, size and
 * codec ({@link #probe}), and any frame as an image ({@link #frame}). For tests and for the Animoto client's
 * checks of a finished video. Stateless and thread-safe; failures throw {@link FfmpegException}.
 */
public final class VideoProbe {
    private static final int AVERROR_EAGAIN = -11;

    static {
        av_log_set_level(AV_LOG_ERROR);
    }

    private VideoProbe() {
    }

    /** Opens the file, reads every packet of its first video stream, and reports what it found. */
    public static VideoInfo probe(Path file) {
        AVFormatContext demuxer = open(file);
        AVPacket packet = av_packet_alloc();
        try {
            int index = videoStream(demuxer, file);
            AVCodecParameters par = demuxer.streams(index).codecpar();
            long frames = 0;
            while (av_read_frame(demuxer, packet) >= 0) {
                if (packet.stream_index() == index) {
                    frames++;
                }
                av_packet_unref(packet);
            }
            String pixelFormat = par.format() < 0 ? "unknown" : av_get_pix_fmt_name(par.format()).getString();
            return new VideoInfo(demuxer.duration() / (double) AV_TIME_BASE, frames, par.width(), par.height(),
                    avcodec_get_name(par.codec_id()).getString(), pixelFormat,
                    demuxer.iformat().name().getString());
        } finally {
            av_packet_free(packet);
            avformat_close_input(demuxer);
        }
    }

    /** Decodes frame {@code n} (0-based, in presentation order) to an 8-bit BGR image of the video's size. */
    public static BufferedImage frame(Path file, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, was " + n);
        }
        AVFormatContext demuxer = open(file);
        AVCodecContext decoder = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            int index = videoStream(demuxer, file);
            AVCodecParameters par = demuxer.streams(index).codecpar();
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null) {
                throw new FfmpegException("no decoder for " + avcodec_get_name(par.codec_id()).getString());
            }
            decoder = avcodec_alloc_context3(codec);
            check(avcodec_parameters_to_context(decoder, par), "copying the codec parameters");
            check(avcodec_open2(decoder, codec, (PointerPointer<?>) null), "opening the decoder");
            int seen = 0;
            boolean draining = false;
            while (true) {
                int ret = avcodec_receive_frame(decoder, frame);
                if (ret >= 0) {
                    if (seen++ == n) {
                        return toBgr(frame);
                    }
                    continue;
                }
                if (ret == AVERROR_EOF) {
                    throw new IllegalArgumentException(file + " has " + seen + " frames, no frame " + n);
                }
                if (ret != AVERROR_EAGAIN) {
                    check(ret, "decoding " + file);
                }
                draining = feed(demuxer, decoder, packet, index, draining);
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            avformat_close_input(demuxer);
        }
    }

    /** Sends the next packet of the stream to the decoder, or the end-of-stream signal once; true once draining. */
    private static boolean feed(AVFormatContext demuxer, AVCodecContext decoder, AVPacket packet, int index,
                                boolean draining) {
        if (draining) {
            return true;
        }
        while (av_read_frame(demuxer, packet) >= 0) {
            try {
                if (packet.stream_index() == index) {
                    check(avcodec_send_packet(decoder, packet), "sending a packet to the decoder");
                    return false;
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        avcodec_send_packet(decoder, null);
        return true;
    }

    private static BufferedImage toBgr(AVFrame frame) {
        int w = frame.width();
        int h = frame.height();
        SwsContext sws = sws_getContext(w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        if (sws == null) {
            throw new FfmpegException("creating the YUV to BGR converter failed");
        }
        try (BytePointer bgr = new BytePointer((long) w * h * 3);
             PointerPointer<BytePointer> planes = new PointerPointer<BytePointer>(1).put(0, bgr);
             IntPointer strides = new IntPointer(1).put(0, w * 3)) {
            int spc = frame.colorspace() == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_ITU601;
            IntPointer coefficients = sws_getCoefficients(spc);
            int fullRange = frame.color_range() == AVCOL_RANGE_JPEG ? 1 : 0;
            sws_setColorspaceDetails(sws, coefficients, fullRange, coefficients, 1, 0, 1 << 16, 1 << 16);
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, planes, strides);
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            bgr.position(0).get(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
            return image;
        } finally {
            sws_freeContext(sws);
        }
    }

    private static AVFormatContext open(Path file) {
        AVFormatContext demuxer = new AVFormatContext(null);
        check(avformat_open_input(demuxer, file.toAbsolutePath().toString(), null, null), "opening " + file);
        try {
            check(avformat_find_stream_info(demuxer, (PointerPointer<?>) null), "reading the streams of " + file);
            return demuxer;
        } catch (RuntimeException e) {
            avformat_close_input(demuxer);
            throw e;
        }
    }

    private static int videoStream(AVFormatContext demuxer, Path file) {
        int index = av_find_best_stream(demuxer, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (index < 0) {
            throw new FfmpegException(file + " has no video stream");
        }
        return index;
    }
}
