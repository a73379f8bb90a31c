package dev.kon.apps.video;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kon.apps.video.sample.SampleImages;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves what an image URL should not, on 127.0.0.1, and counts the requests to each path:
 * <ul>
 *   <li>{@code /text} answers plain text; {@code /stall} never answers</li>
 *   <li>{@code /trickle/NAME} promises a megabyte and sends one byte every 50 ms until the client goes away</li>
 *   <li>{@code /flaky/N/HOW/I.jpg} fails the first N requests to that path, then serves sample image I as JPEG;
 *       HOW is an HTTP status (503, 429, 404, ...) or {@code drop}: the connection is closed without an answer</li>
 * </ul>
 */
final class BadImageServer implements AutoCloseable {
    private static final Pattern FLAKY = Pattern.compile("/flaky/(\\d+)/(\\d{3}|drop)/(\\d+)\\.jpg");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ConcurrentMap<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger trickledBytes = new AtomicInteger();

    private BadImageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int n = requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.equals("/text")) {
                text(exchange);
            } else if (path.equals("/stall")) {
                await(closed, 0);
                exchange.close();
            } else if (path.startsWith("/trickle/")) {
                trickle(exchange);
            } else {
                Matcher m = FLAKY.matcher(path);
                if (m.matches()) {
                    flaky(exchange, n <= Integer.parseInt(m.group(1)) ? m.group(2) : null,
                            Integer.parseInt(m.group(3)));
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                }
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    static BadImageServer start() {
        return new BadImageServer();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    /** Requests received for {@code path} (starting with '/'). */
    int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    /** Bytes sent so far by all {@code /trickle} answers. */
    int trickledBytes() {
        return trickledBytes.get();
    }

    private static void text(HttpExchange exchange) throws IOException {
        byte[] body = "this is not a picture".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void trickle(HttpExchange exchange) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, 1 << 20);
            OutputStream out = exchange.getResponseBody();
            // The pace of the trickle; it ends early when the server closes.
            while (!await(closed, 50)) {
                out.write(0xFF);
                out.flush();
                trickledBytes.incrementAndGet();
            }
        } catch (IOException clientWentAway) {
            // What a cancelled download looks like from here.
        }
    }

    private static void flaky(HttpExchange exchange, String failure, int image) throws IOException {
        try (exchange) {
            if (failure == null) {
                byte[] body = SampleImages.jpeg(SampleImages.render(image, 320, 180));
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else if (!failure.equals("drop")) {
                exchange.sendResponseHeaders(Integer.parseInt(failure), -1);
            }
            // "drop": closing the exchange before any answer closes the connection, as a reset would.
        }
    }

    /** Waits on the latch; a timeout of 0 waits until it opens. True if it opened. */
    private static boolean await(CountDownLatch latch, long millis) {
        try {
            if (millis == 0) {
                latch.await();
                return true;
            }
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
