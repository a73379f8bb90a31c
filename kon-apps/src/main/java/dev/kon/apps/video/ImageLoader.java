package dev.kon.apps.video;

import dev.kon.apps.video.ffmpeg.Frames;
import dev.kon.blob.BlobNotFoundException;
import dev.kon.blob.BlobStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one image (HTTP(S) or the blob store), decodes it with ImageIO and fits it to the video's frame size.
 * Every way an image can be unusable ends in {@link UnusableImageException} with a reason a user can act on.
 *
 * <p>Transient failures (a refused or reset connection, a timeout, HTTP 408, 429, 500, 502, 503, 504) are tried
 * again up to {@value VideoHandler#TRIES} times in all, after {@value VideoHandler#FIRST_RETRY_PAUSE_MS} ms, then
 * twice as long each time; all tries of one image fit in twice the timeout. Permanent ones (any other HTTP status,
 * not an image, too large, no such blob) are not tried again.
 *
 * <p>An interrupt (the task is cancelled) ends a download, a pause or a decode at once with
 * {@link InterruptedException}; the HTTP exchange is cancelled, which closes its connection. Thread-safe: one
 * loader serves all the fetch threads of a task.
 */
final class ImageLoader {
    /** Larger downloads are refused, so a wrong URL cannot fill the heap. */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    /** Larger images are refused before decoding (a small file can declare a huge raster). */
    static final long MAX_PIXELS = 64L * 1024 * 1024;
    /** Statuses a server gives when it is busy or briefly broken; anything else will answer the same again. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
    /** A try with less time than this left is not worth starting. */
    private static final long MIN_TRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final HttpClient http;
    private final Duration timeout;
    private final BlobStore blobs;
    private final int width;
    private final int height;

    ImageLoader(HttpClient http, Duration timeout, BlobStore blobs, int width, int height) {
        this.http = http;
        this.timeout = timeout;
        this.blobs = blobs;
        this.width = width;
        this.height = height;
    }

    /** The image as a frame of the video's size. */
    BufferedImage load(ImageRef ref) throws UnusableImageException, InterruptedException {
        BufferedImage image = ImageDecoding.decode(fetch(ref), MAX_PIXELS);
        return Frames.fit(image, width, height);
    }

    private ImageDecoding.Download fetch(ImageRef ref) throws UnusableImageException, InterruptedException {
        long deadline = System.nanoTime() + 2 * timeout.toNanos();
        long pauseMs = VideoHandler.FIRST_RETRY_PAUSE_MS;
        for (int tried = 1; ; tried++) {
            try {
                return ref.isBlob() ? fromBlobs(ref) : fromHttp(ref,
                        Math.min(timeout.toNanos(), deadline - System.nanoTime()));
            } catch (UnusableImageException e) {
                long leftAfterPause = deadline - System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(pauseMs);
                if (!e.isTransient() || tried >= VideoHandler.TRIES || leftAfterPause < MIN_TRY_NANOS) {
                    throw e.afterTries(tried);
                }
            }
            // A real pause before the next try, not a wait for an event; an interrupt ends it.
            Thread.sleep(pauseMs);
            pauseMs *= 2;
        }
    }

    private ImageDecoding.Download fromHttp(ImageRef ref, long tryNanos)
            throws UnusableImageException, InterruptedException {
        Duration tryTimeout = Duration.ofNanos(tryNanos);
        HttpRequest request = HttpRequest.newBuilder(ref.uri()).timeout(tryTimeout).header("Accept", "image/*")
                .GET().build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info ->
                info.statusCode() / 100 == 2 ? new LimitedBodySubscriber(MAX_BYTES)
                        : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            // The request timeout only covers the wait for headers; this bounds the body as well.
            response = call.get(tryNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw UnusableImageException.temporary("no complete answer within " + human(tryTimeout));
        } catch (InterruptedException e) {
            // Cancelling the exchange closes its connection, so a trickling server stops being read at once.
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw describe(e.getCause(), tryTimeout);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String reason = "HTTP " + status;
            throw TRANSIENT_STATUSES.contains(status) ? UnusableImageException.temporary(reason)
                    : UnusableImageException.permanent(reason);
        }
        return new ImageDecoding.Download(response.body(), response.headers().firstValue("Content-Type")
                .map(Excerpt::of).orElse("none"));
    }

    private static UnusableImageException describe(Throwable failure, Duration tryTimeout) {
        if (failure instanceof HttpConnectTimeoutException) {
            // The client's own connect timeout, not the try's.
            return UnusableImageException.temporary("could not connect (connect timed out)");
        }
        if (failure instanceof HttpTimeoutException) {
            return UnusableImageException.temporary("no answer within " + human(tryTimeout));
        }
        if (failure instanceof ConnectException) {
            String m = failure.getMessage();
            // A server being restarted refuses connections for a moment: worth another try.
            return UnusableImageException.temporary(m == null || m.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : "could not connect (" + Excerpt.of(m) + ")");
        }
        if (failure instanceof LimitedBodySubscriber.TooLargeException) {
            return UnusableImageException.permanent(failure.getMessage());
        }
        Throwable cause = failure.getCause() != null && failure.getMessage() == null ? failure.getCause() : failure;
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                : ": " + Excerpt.of(cause.getMessage()));
        // An I/O failure mid-exchange is a reset or closed connection; anything else is a fault of the answer.
        return cause instanceof IOException ? UnusableImageException.temporary("connection failed (" + text + ")")
                : UnusableImageException.permanent(text);
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private ImageDecoding.Download fromBlobs(ImageRef ref) throws UnusableImageException {
        try (InputStream in = blobs.get(ref.blobKey())) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw UnusableImageException.permanent("larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            return new ImageDecoding.Download(bytes, "from blob store");
        } catch (BlobNotFoundException e) {
            throw UnusableImageException.permanent("no object under key '" + Excerpt.of(ref.blobKey()) + "'");
        } catch (IOException e) {
            throw UnusableImageException.temporary("reading the blob failed: " + Excerpt.of(e.getMessage()));
        }
    }
}
