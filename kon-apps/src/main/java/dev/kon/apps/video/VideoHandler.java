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
 *   <li>{@code --min-images=N}: default 1. An image that cannot be fetched or decoded is left out of the video
 *       (and logged); the task fails only when fewer than N usable images remain</li>
 * </ul>
 * Example: {@code video --fps=2 --container=mkv holiday https://example.org/1.jpg https://example.org/2.jpg}.
 *
 * <p>The video is stored under {@code videos/OUTPUT_NAME.mp4} (or {@code .mkv}); running the task again replaces
 * it. Images are fetched {@value #PARALLEL_FETCHES} at a time with a {@value #TIMEOUT_SECONDS} s timeout each and
 * encoded as they arrive, in order.
 *
 * <p>Failure behaviour: bad arguments, and too few usable images, throw {@link PermanentTaskFailure} naming each
 * unusable URL and why (connection refused, HTTP 404, timeout, not an image). A cancelled task throws
 * {@link RetryLaterException}. Blob store failures propagate and are retried. The temporary folder is deleted in
 * every case.
 *
 * <p>Thread-safe and stateless: one instance serves all worker threads.
 */
public final class VideoHandler implements TaskHandler {
    public static final String TYPE = "video";
    /** Images fetched (and held decoded) at once per task. */
    public static final int PARALLEL_FETCHES = 8;
    /** Longest wait for one image, from connecting to its last byte, seconds. */
    public static final int TIMEOUT_SECONDS = 30;
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

    /** As {@link #VideoHandler(Path)}, giving each image {@code timeout} to arrive whole (tests use a short one). */
    VideoHandler(Path tempRoot, Duration timeout) {
        this.tempRoot = tempRoot;
        this.timeout = timeout;
    }

    /** One client for all tasks, so connections are pooled; made on first use, so ServiceLoader starts no thread. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String type() {
        return TYPE;
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
            Path file = work.resolve(request.outputName() + "." + request.format().container().extension());
            long started = ctx.clock().millis();
            int frames = encode(request, file, ctx);
            stopIfCancelled(ctx, "before upload");
            ctx.blobs().putFile(request.blobKey(), file, request.format().container().contentType());
            URI url = ctx.blobs().shareableUrl(request.blobKey(), request.expiry());
            ctx.log().info("video {}: {} frames, {} bytes, in {} ms", request.blobKey(), frames, Files.size(file),
                    ctx.clock().millis() - started);
            return url.toString();
        } finally {
            deleteTree(work, ctx);
        }
    }

    private int encode(VideoRequest request, Path file, TaskContext ctx) throws InterruptedException {
        ImageLoader loader = new ImageLoader(Http.CLIENT, timeout, ctx.blobs(), request.format().width(),
                request.format().height());
        List<String> failures = new ArrayList<>();
        int total = request.images().size();
        try (FrameFeed feed = new FrameFeed(request.images(), loader::load, PARALLEL_FETCHES);
             H264Encoder encoder = H264Encoder.open(file, request.format())) {
            while (feed.hasNext()) {
                stopIfCancelled(ctx, "after " + encoder.frames() + " frames");
                FrameFeed.Frame frame = feed.next();
                if (frame.image() == null) {
                    ctx.log().warn("video {}: leaving out {}: {}", request.outputName(), frame.ref(), frame.failure());
                    failures.add(frame.ref() + " (" + frame.failure() + ")");
                    // Fail as soon as the minimum is out of reach, not after fetching the rest.
                    if (total - failures.size() < request.minImages()) {
                        throw tooFew(request, failures);
                    }
                    continue;
                }
                encoder.write(frame.image());
            }
            encoder.finish();
            return (int) encoder.frames();
        }
    }

    private static PermanentTaskFailure tooFew(VideoRequest request, List<String> failures) {
        int total = request.images().size();
        StringBuilder message = new StringBuilder("video ").append(request.outputName()).append(" needs at least ")
                .append(request.minImages()).append(" usable image(s) of ").append(total).append(", but ")
                .append(failures.size()).append(" failed: ");
        message.append(String.join("; ", failures.subList(0, Math.min(FAILURES_LISTED, failures.size()))));
        if (failures.size() > FAILURES_LISTED) {
            message.append("; and ").append(failures.size() - FAILURES_LISTED).append(" more");
        }
        return new PermanentTaskFailure(message.toString());
    }

    private static void stopIfCancelled(TaskContext ctx, String when) {
        if (ctx.isCancelled()) {
            throw new RetryLaterException("video task cancelled " + when);
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
