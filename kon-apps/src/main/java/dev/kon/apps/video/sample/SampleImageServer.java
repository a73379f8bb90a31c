package dev.kon.apps.video.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP server on 127.0.0.1 that serves {@link SampleImages} as JPEG, so Animoto jobs run with no
 * internet: {@code GET /images/N.jpg} answers sample image {@code N mod distinct}. Each distinct image is
 * rendered once, on first request, and kept: memory is bounded by {@code distinct} JPEGs of about 65 KB.
 * Any other path answers 404.
 *
 * <p>Thread-safe; {@link #close} stops it.
 */
public final class SampleImageServer implements AutoCloseable {
    /** Distinct images served by default: two jobs' worth, so neighbouring jobs differ. */
    public static final int DEFAULT_DISTINCT = 120;
    public static final int MAX_DISTINCT = 1000;
    private static final Pattern IMAGE_PATH = Pattern.compile("/images/(\\d{1,9})\\.jpg");

    private final HttpServer server;
    private final ExecutorService threads;
    private final int distinct;
    private final ConcurrentMap<Integer, CompletableFuture<byte[]>> jpegs = new ConcurrentHashMap<>();

    private SampleImageServer(HttpServer server, ExecutorService threads, int distinct) {
        this.server = server;
        this.threads = threads;
        this.distinct = distinct;
    }

    /** Starts on 127.0.0.1 with {@link #DEFAULT_DISTINCT} images; port 0 picks a free port. */
    public static SampleImageServer start(int port) {
        return start(port, DEFAULT_DISTINCT);
    }

    /** Starts on 127.0.0.1 serving {@code distinct} (1..1000) different images; port 0 picks a free port. */
    public static SampleImageServer start(int port, int distinct) {
        if (distinct < 1 || distinct > MAX_DISTINCT) {
            throw new IllegalArgumentException("distinct images must be 1.." + MAX_DISTINCT + ", was " + distinct);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "kon-sample-images");
                t.setDaemon(true);
                return t;
            });
            SampleImageServer images = new SampleImageServer(server, threads, distinct);
            server.createContext("/", images::serve);
            server.setExecutor(threads);
            server.start();
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The URL of image {@code index}. */
    public URI imageUrl(int index) {
        return imageUrl(baseUrl(), index);
    }

    /** The URL of image {@code index} on a server at {@code baseUrl}. */
    public static URI imageUrl(URI baseUrl, int index) {
        return baseUrl.resolve("images/" + index + ".jpg");
    }

    /** The JPEG served for {@code index}, rendering it now if it has not been yet. */
    public byte[] jpeg(int index) {
        int key = index % distinct;
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> theirs = jpegs.putIfAbsent(key, mine);
        if (theirs != null) {
            return theirs.join();
        }
        // Rendered on the calling thread: waiting on the server's own pool could deadlock it.
        try {
            mine.complete(SampleImages.jpeg(key));
        } catch (RuntimeException | Error e) {
            jpegs.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** Renders every distinct image now, so that later requests measure the network, not Java2D. */
    public void warmUp() {
        for (int i = 0; i < distinct; i++) {
            jpeg(i);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = IMAGE_PATH.matcher(exchange.getRequestURI().getPath());
            if (!m.matches()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = jpeg(Integer.parseInt(m.group(1)));
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
