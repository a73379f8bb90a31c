package dev.kon.apps.video;

import dev.kon.apps.video.ffmpeg.H264Encoder;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.RetryLaterException;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * The {@code video} task, the seed's Animoto: images from URLs become one H.264 video, one image per frame, stored
 * in the blob store; the output is a URL to download it (an S3 presigned GET URL in the cloud).
 *
 * <p>Arguments: {@code [--key=value...] OUTPUT_NAME URL [URL...]}, where each URL is {@code http://},
 * {@code https://} or {@code s3://bucket/key} (read from the deployment's blob store, whatever the bucket), and
 * OUTPUT_NAME is 1-128 of {@code A-Z a-z 0-9 . _ -}. Options, all optional, before OUTPUT_NAME:
 * <ul>
 *   <li>{@code --fps=N} or {@code --fps=N/D}: frames (images) per second; default {@code 1}, so 60 images make
 *       a 60 s video; {@code 1/3} shows each image 3 s</li>
 *   <li>{@code --size=WxH}: frame size in even pixels, default {@code 1920x1080}; images are scaled to fit,
 *       keeping their aspect ratio, on black bars</li>
 *   <li>{@code --container=mp4|mkv}: default {@code mp4} (index first, so it plays while downloading)</li>
 *   <li>{@code --codec=h264}: the only codec built in (libx264, yuv420p, BT.709)</li>
 *   <li>{@code --preset=ultrafast|superfast|veryfast|faster|fast|medium}: libx264 speed, default
 *       {@code ultrafast}; {@code veryfast} makes files ~3x smaller for ~4x the encoding time</li>
 *   <li>{@code --crf=0..51}: libx264 quality, lower is better, default 23</li>
 *   <li>{@code --expiry=N(s|m|h|d)}: how long the returned URL is valid, default {@code 10m}, at most 7d</li>
 *   <li>{@code --allow-missing=N}: default 0, so every image is required and one that cannot be fetched or
 *       decoded fails the task. With N, up to N unusable images are left out of the video (and logged), and the
 *       output says so: {@code URL (2 of 60 images left out: image 3: HTTP 404; image 17: connection refused)}.
 *       A video needs at least one usable image whatever N is. (This replaces {@code --min-images}, whose default
 *       of 1 let a job lose images silently.)</li>
 * </ul>
 * Example: {@code video --fps=2 --container=mkv holiday https://example.org/1.jpg https://example.org/2.jpg}.
 *
 * <p>Fetching: images are fetched {@value #PARALLEL_FETCHES} at a time and encoded as they arrive, in order. Each
 * try has {@value #TIMEOUT_SECONDS} s from connecting to the last byte. Transient failures (connection refused or
 * reset, timeouts, HTTP 408, 429, 500, 502, 503, 504) are tried again, {@value #TRIES} tries in all with
 * {@value #FIRST_RETRY_PAUSE_MS} ms then twice as long between them, all within twice the timeout; permanent ones
 * (other statuses such as 404, 403 and 410, not an image, over 32 MiB or 64 megapixels) are not.
 *
 * <p>Output: the video is stored under {@code videos/OUTPUT_NAME.aATTEMPT.mp4} (or {@code .mkv}), ATTEMPT being
 * {@link TaskContext#attempt()}, and the URL returned is that object's. A stale attempt still running on a frozen
 * worker writes its own key and never overwrites the video of the attempt that completes; running the same task
 * again replaces the object of the same attempt.
 *
 * <p>Failure behaviour: bad arguments, and unusable images beyond the allowance, throw
 * {@link PermanentTaskFailure} naming which image and why, e.g. {@code image 17 of 60: HTTP 404 (URL)}, URLs
 * shortened to 200 characters. Blob store failures propagate and are retried. The temporary folder is deleted in
 * every case.
 *
 * <p>Cancellation: once {@link TaskContext#isCancelled()} is true or the task's thread is interrupted, the task
 * throws {@link RetryLaterException} within about a second and stores nothing: it stops waiting for images
 * (looking at the flag every 100 ms), cancels the downloads under way (closing their connections), aborts
 * decoding, and stops the encoder between frames, also while it flushes its look-ahead. One frame already handed
 * to libx264 is not interruptible: a few ms at 1080p {@code ultrafast}, about 0.6 s at 4K {@code medium}, over a
 * second at 7680x4320 with presets slower than {@code ultrafast}.
 *
 * <p>Thread-safe and stateless: one instance serves all worker threads.
 */
public final class VideoHandler implements TaskHandler {
    public static final String TYPE = "video";
    /** Images fetched (and held decoded) at once per task. */
    public static final int PARALLEL_FETCHES = 8;
    /** Longest wait for one try of one image, from connecting to its last byte, seconds. */
    public static final int TIMEOUT_SECONDS = 30;
    /** Tries of one image whose failures are transient, the first included. */
    public static final int TRIES = 3;
    /** Pause before the second try of an image, ms; it doubles before each further try. */
    public static final long FIRST_RETRY_PAUSE_MS = 200;
    private static final int FAILURES_LISTED = 5;

    private final Path tempRoot;
    private final Duration timeout;

    /** Works in the JVM's temporary folder ({@code java.io.tmpdir}). */
    public VideoHandler() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Works in a folder below {@code tempRoot}, one per task, deleted when the task ends. */
    public VideoHandler(Path tempRoot) {
        this(tempRoot, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /** As {@link #VideoHandler(Path)}, giving each try of an image {@code timeout} (tests use a short one). */
    VideoHandler(Path tempRoot, Duration timeout) {
        this.tempRoot = tempRoot;
        this.timeout = timeout;
    }

    /** One client for all tasks, so connections are pooled; made on first use, so ServiceLoader starts no thread. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The default time limit of one attempt, in minutes. */
    static final int TIME_LIMIT_MINUTES = 10;

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * {@value #TIME_LIMIT_MINUTES} minutes: sixty downloads (each at most twice the per-image timeout) and an
     * encode of seconds fit well within it.
     */
    @Override
    public java.time.Duration timeLimit(String args) {
        return java.time.Duration.ofMinutes(TIME_LIMIT_MINUTES);
    }

    @Override
    public String validate(String args) {
        try {
            VideoRequest.parse(args);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Override
    public String handle(Task task, TaskContext ctx) throws Exception {
        VideoRequest request;
        try {
            request = VideoRequest.parse(task.args());
        } catch (IllegalArgumentException e) {
            throw new PermanentTaskFailure("bad video arguments: " + e.getMessage(), e);
        }
        Files.createDirectories(tempRoot);
        Path work = Files.createTempDirectory(tempRoot, "kon-video-");
        try {
            String key = request.blobKey(ctx.attempt());
            Path file = work.resolve(request.outputName() + "." + request.format().container().extension());
            long started = ctx.clock().millis();
            List<Unusable> leftOut = new ArrayList<>();
            int frames = encode(request, file, ctx, leftOut);
            stopIfCancelled(ctx, "before upload");
            ctx.blobs().putFile(key, file, request.format().container().contentType());
            URI url = ctx.blobs().shareableUrl(key, request.expiry());
            ctx.log().info("video {}: {} frames, {} left out, {} bytes, in {} ms", key, frames, leftOut.size(),
                    Files.size(file), ctx.clock().millis() - started);
            return leftOut.isEmpty() ? url.toString() : url + " (" + leftOut.size() + " of "
                    + request.images().size() + " images left out: " + list(leftOut, Unusable::brief) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("video task cancelled: interrupted", e);
        } catch (CancellationException e) {
            throw new RetryLaterException("video task cancelled: " + e.getMessage(), e);
        } finally {
            deleteTree(work, ctx);
        }
    }

    /** One image left out, by its place in the task. */
    private record Unusable(int index, int total, ImageRef ref, String reason) {
        String brief() {
            return "image " + (index + 1) + ": " + reason;
        }

        String full() {
            return "image " + (index + 1) + " of " + total + ": " + reason + " (" + Excerpt.of(ref) + ")";
        }
    }

    private int encode(VideoRequest request, Path file, TaskContext ctx, List<Unusable> leftOut)
            throws InterruptedException {
        ImageLoader loader = new ImageLoader(Http.CLIENT, timeout, ctx.blobs(), request.format().width(),
                request.format().height());
        int total = request.images().size();
        try (FrameFeed feed = new FrameFeed(request.images(), loader::load, PARALLEL_FETCHES, ctx::isCancelled);
             H264Encoder encoder = H264Encoder.open(file, request.format(), ctx::isCancelled)) {
            while (feed.hasNext()) {
                stopIfCancelled(ctx, "after " + encoder.frames() + " frames");
                FrameFeed.Frame frame = feed.next();
                if (frame.image() == null) {
                    Unusable u = new Unusable(frame.index(), total, frame.ref(), frame.failure());
                    leftOut.add(u);
                    // Fail as soon as the allowance is used up, not after fetching the rest.
                    if (leftOut.size() > request.allowMissing()) {
                        throw tooMany(request, leftOut);
                    }
                    ctx.log().warn("video {}: leaving out {}", request.outputName(), u.full());
                    continue;
                }
                encoder.write(frame.image());
            }
            if (encoder.frames() == 0) {
                throw new PermanentTaskFailure("video " + request.outputName() + ": no usable image: "
                        + list(leftOut, Unusable::full));
            }
            encoder.finish();
            return (int) encoder.frames();
        }
    }

    private static PermanentTaskFailure tooMany(VideoRequest request, List<Unusable> failures) {
        String name = "video " + request.outputName() + ": ";
        if (request.allowMissing() == 0) {
            return new PermanentTaskFailure(name + failures.get(0).full()
                    + "; every image is required (--allow-missing=N lets up to N be left out)");
        }
        return new PermanentTaskFailure(name + failures.size() + " of " + request.images().size()
                + " images unusable, at most " + request.allowMissing() + " allowed: "
                + list(failures, Unusable::full));
    }

    private static String list(List<Unusable> failures, java.util.function.Function<Unusable, String> text) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(FAILURES_LISTED, failures.size()); i++) {
            s.append(i == 0 ? "" : "; ").append(text.apply(failures.get(i)));
        }
        if (failures.size() > FAILURES_LISTED) {
            s.append("; and ").append(failures.size() - FAILURES_LISTED).append(" more");
        }
        return s.toString();
    }

    private static void stopIfCancelled(TaskContext ctx, String when) {
        if (ctx.isCancelled()) {
            throw new CancellationException("cancelled " + when);
        }
    }

    /** Deletes the task's folder; a failure here is logged, never allowed to hide the task's own outcome. */
    private static void deleteTree(Path root, TaskContext ctx) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            ctx.log().warn("could not delete temporary folder {}: {}", root, e.toString());
        }
    }
}
