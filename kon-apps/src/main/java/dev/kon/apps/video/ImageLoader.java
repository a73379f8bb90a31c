package dev.kon.apps.video;

import dev.kon.apps.video.ffmpeg.Frames;
import dev.kon.blob.BlobNotFoundException;
import dev.kon.blob.BlobStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Fetches one image (HTTP(S) or the blob store), decodes it with ImageIO and fits it to the video's frame size.
 * Every way an image can be unusable ends in {@link UnusableImageException} with a reason a user can act on.
 * Thread-safe: one loader serves all the fetch threads of a task.
 */
final class ImageLoader {
    /** Larger downloads are refused, so a wrong URL cannot fill the heap. */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    /** Larger images are refused before decoding (a small file can declare a huge raster). */
    static final long MAX_PIXELS = 64L * 1024 * 1024;

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
        Download download = ref.isBlob() ? fromBlobs(ref) : fromHttp(ref);
        return Frames.fit(decode(download), width, height);
    }

    private record Download(byte[] bytes, String contentType) {
    }

    private Download fromHttp(ImageRef ref) throws UnusableImageException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(ref.uri()).timeout(timeout).header("Accept", "image/*")
                .GET().build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info ->
                info.statusCode() / 100 == 2 ? new LimitedBodySubscriber(MAX_BYTES)
                        : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            // The request timeout only covers the wait for headers; this bounds the body as well.
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new UnusableImageException("no complete answer within " + within());
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new UnusableImageException(describe(e.getCause()));
        }
        if (response.statusCode() / 100 != 2) {
            throw new UnusableImageException("HTTP " + response.statusCode());
        }
        return new Download(response.body(), response.headers().firstValue("Content-Type").orElse("none"));
    }

    private String describe(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "could not connect within " + within();
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + within();
        }
        if (failure instanceof ConnectException) {
            return "could not connect (" + (failure.getMessage() == null ? "connection refused"
                    : failure.getMessage()) + ")";
        }
        if (failure instanceof LimitedBodySubscriber.TooLargeException) {
            return failure.getMessage();
        }
        Throwable cause = failure.getCause() != null && failure.getMessage() == null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private String within() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private Download fromBlobs(ImageRef ref) throws UnusableImageException {
        try (InputStream in = blobs.get(ref.blobKey())) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new UnusableImageException("larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            return new Download(bytes, "from blob store");
        } catch (BlobNotFoundException e) {
            throw new UnusableImageException("no object under key '" + ref.blobKey() + "'");
        } catch (IOException e) {
            throw new UnusableImageException("reading the blob failed: " + e.getMessage());
        }
    }

    private static BufferedImage decode(Download download) throws UnusableImageException {
        // A memory-backed stream: ImageIO's default would spill to temporary files nobody deletes on a crash.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(download.bytes()))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnusableImageException("not an image (" + download.bytes().length + " bytes, Content-Type "
                        + download.contentType() + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new UnusableImageException("image too large: " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + " pixels, at most " + MAX_PIXELS + " allowed");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnusableImageException("not a decodable image (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }
}
