package dev.kon.apps.video.ffmpeg;

import static dev.kon.apps.video.ffmpeg.FfmpegException.check;
import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes {@link BufferedImage} frames to an H.264 (libx264, yuv420p, BT.709) video in an mp4 or mkv file, in this
 * process through libavcodec, libswscale and libavformat: no {@code ffmpeg} executable, no libavdevice.
 *
 * <p>Frame {@code i} is shown from {@code i / fps} for {@code 1 / fps} seconds, so {@code n} frames last exactly
 * {@code n / fps} seconds. Call {@link #write} per frame, {@link #finish} once, and {@link #close} always (it frees
 * the native contexts, and leaves a half-written file behind if {@code finish} was not reached).
 *
 * <p>Cancellation: given a {@code cancelled} flag, {@link #write} and {@link #finish} look at it before each frame
 * and between the packets they collect, and throw {@link CancellationException} once it is up. That matters most
 * in {@code finish}: libx264 holds up to ~40 frames in its look-ahead at the slower presets, and flushing them
 * takes seconds at 4K (measured: 4.7 s for {@code medium} at 3840x2160). One frame, once handed to libx264,
 * cannot be stopped: from a few ms (1080p {@code ultrafast}) to about 0.6 s (4K {@code medium}) and over a second
 * at 7680x4320 with presets slower than {@code ultrafast}.
 *
 * <p>Not thread-safe: one encoder per thread. Failures throw {@link FfmpegException}.
 */
public final class H264Encoder implements AutoCloseable {
    /** AVERROR(EAGAIN) on Linux, the only platform whose natives this module ships. */
    private static final int AVERROR_EAGAIN = -11;
    /** Seconds between forced key frames, so a player can seek; x264 adds more at every scene cut anyway. */
    private static final int KEYFRAME_SECONDS = 10;

    static {
        av_log_set_level(AV_LOG_ERROR);
    }

    private final VideoFormat format;
    private final BooleanSupplier cancelled;
    private AVFormatContext muxer;
    private AVCodecContext codec;
    private AVStream stream;
    private AVFrame yuv;
    private AVPacket packet;
    private SwsContext sws;
    private BytePointer bgr;
    private PointerPointer<BytePointer> bgrPlanes;
    private IntPointer bgrStrides;
    private long frames;
    private boolean finished;

    private H264Encoder(VideoFormat format, BooleanSupplier cancelled) {
        this.format = format;
        this.cancelled = cancelled;
    }

    /** Creates (or replaces) {@code file} and writes the container header; never cancelled. */
    public static H264Encoder open(Path file, VideoFormat format) {
        return open(file, format, () -> false);
    }

    /**
     * Creates (or replaces) {@code file} and writes the container header; {@link #write} and {@link #finish} stop
     * with {@link CancellationException} soon after {@code cancelled} turns true.
     */
    public static H264Encoder open(Path file, VideoFormat format, BooleanSupplier cancelled) {
        H264Encoder encoder = new H264Encoder(format, cancelled);
        try {
            encoder.start(file.toAbsolutePath().toString());
            return encoder;
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private void start(String file) {
        AVCodec x264 = avcodec_find_encoder_by_name("libx264");
        if (x264 == null) {
            throw new FfmpegException("libx264 is missing: the ffmpeg natives must be the '-gpl' build");
        }
        muxer = new AVFormatContext(null);
        check(avformat_alloc_output_context2(muxer, null, format.container().muxer(), file), "allocating the "
                + format.container().muxer() + " muxer");
        stream = avformat_new_stream(muxer, null);
        codec = avcodec_alloc_context3(x264);
        if (stream == null || codec == null) {
            throw new FfmpegException("allocating the video stream failed: out of memory");
        }
        FrameRate fps = format.fps();
        codec.width(format.width()).height(format.height()).pix_fmt(AV_PIX_FMT_YUV420P)
                .time_base(av_make_q(fps.den(), fps.num())).framerate(av_make_q(fps.num(), fps.den()))
                .gop_size(Math.max(1, KEYFRAME_SECONDS * fps.num() / fps.den()))
                .color_range(AVCOL_RANGE_MPEG).colorspace(AVCOL_SPC_BT709)
                .color_primaries(AVCOL_PRI_BT709).color_trc(AVCOL_TRC_BT709);
        if ((muxer.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        try {
            av_dict_set(options, "preset", format.preset(), 0);
            av_dict_set(options, "crf", Integer.toString(format.crf()), 0);
            check(avcodec_open2(codec, x264, options), "opening libx264");
        } finally {
            av_dict_free(options);
        }
        check(avcodec_parameters_from_context(stream.codecpar(), codec), "copying the codec parameters");
        stream.time_base(codec.time_base());
        stream.avg_frame_rate(codec.framerate());
        AVIOContext io = new AVIOContext(null);
        check(avio_open(io, file, AVIO_FLAG_WRITE), "opening " + file);
        muxer.pb(io);
        AVDictionary muxOptions = new AVDictionary(null);
        try {
            if (format.container() == Container.MP4) {
                // The index goes first so a browser can start playing the presigned URL before the download ends.
                av_dict_set(muxOptions, "movflags", "+faststart", 0);
            }
            check(avformat_write_header(muxer, muxOptions), "writing the " + format.container() + " header");
        } finally {
            av_dict_free(muxOptions);
        }
        allocateFrames();
    }

    private void allocateFrames() {
        int w = format.width();
        int h = format.height();
        yuv = av_frame_alloc();
        packet = av_packet_alloc();
        if (yuv == null || packet == null) {
            throw new FfmpegException("allocating a frame failed: out of memory");
        }
        yuv.format(AV_PIX_FMT_YUV420P).width(w).height(h);
        check(av_frame_get_buffer(yuv, 0), "allocating the frame buffer");
        sws = sws_getContext(w, h, AV_PIX_FMT_BGR24, w, h, AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        if (sws == null) {
            throw new FfmpegException("creating the BGR to YUV420P converter failed");
        }
        IntPointer bt709 = sws_getCoefficients(SWS_CS_ITU709);
        // Source: full-range RGB; destination: limited-range BT.709, as tagged on the stream above.
        sws_setColorspaceDetails(sws, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
        bgr = new BytePointer((long) w * h * 3);
        bgrPlanes = new PointerPointer<BytePointer>(1).put(0, bgr);
        bgrStrides = new IntPointer(1).put(0, w * 3);
    }

    /** Appends one frame; it must be exactly the format's size (see {@link Frames#fit}). */
    public void write(BufferedImage image) {
        if (finished) {
            throw new IllegalStateException("encoder already finished");
        }
        if (image.getWidth() != format.width() || image.getHeight() != format.height()) {
            throw new IllegalArgumentException("frame must be " + format.width() + "x" + format.height() + ", was "
                    + image.getWidth() + "x" + image.getHeight());
        }
        stopIfCancelled();
        byte[] pixels = Frames.bgrPixels(image);
        bgr.position(0).put(pixels, 0, pixels.length);
        check(av_frame_make_writable(yuv), "making the frame writable");
        sws_scale(sws, bgrPlanes, bgrStrides, 0, format.height(), yuv.data(), yuv.linesize());
        yuv.pts(frames++).duration(1);
        check(avcodec_send_frame(codec, yuv), "encoding frame " + (frames - 1));
        drain();
    }

    /** Flushes the encoder and writes the container trailer; the file is complete afterwards. */
    public void finish() {
        if (finished) {
            return;
        }
        stopIfCancelled();
        check(avcodec_send_frame(codec, null), "flushing the encoder");
        drain();
        check(av_write_trailer(muxer), "writing the " + format.container() + " trailer");
        finished = true;
        AVIOContext io = muxer.pb();
        muxer.pb(null);
        check(avio_closep(io), "closing the file");
    }

    /** Frames written so far. */
    public long frames() {
        return frames;
    }

    private void stopIfCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("encoding cancelled after " + frames + " frames");
        }
    }

    private void drain() {
        while (true) {
            // Each packet out of a flush is one more frame encoded: the place to notice a cancellation.
            stopIfCancelled();
            int ret = avcodec_receive_packet(codec, packet);
            if (ret == AVERROR_EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            check(ret, "receiving an encoded packet");
            if (packet.duration() == 0) {
                // Without it the muxer cannot know how long the last frame lasts, and the video ends one frame short.
                packet.duration(1);
            }
            av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            check(av_interleaved_write_frame(muxer, packet), "writing a packet");
        }
    }

    /** Frees every native resource; safe to call twice and after a failed {@link #open}. */
    @Override
    public void close() {
        if (muxer != null) {
            if (!muxer.isNull() && muxer.pb() != null && !muxer.pb().isNull()) {
                avio_closep(muxer.pb());
                muxer.pb(null);
            }
            avformat_free_context(muxer);
            muxer = null;
        }
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (yuv != null) {
            av_frame_free(yuv);
            yuv = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (bgr != null) {
            bgrPlanes.close();
            bgrStrides.close();
            bgr.close();
            bgr = null;
        }
    }
}
