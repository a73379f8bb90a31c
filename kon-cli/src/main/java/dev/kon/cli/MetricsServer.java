package dev.kon.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kon.task.UserText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One HTTP endpoint, {@code GET /metrics}, answering what {@code scrape} gives in the Prometheus text format; any
 * other path is 404, any other method 405. One thread serves requests (Prometheus scrapes every few seconds).
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread, more than once.
 */
final class MetricsServer implements AutoCloseable {
    static final String PATH = "/metrics";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final HttpServer server;
    private final ExecutorService thread;
    private final URI url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsServer(HttpServer server, ExecutorService thread, URI url) {
        this.server = server;
        this.thread = thread;
        this.url = url;
    }

    /**
     * Starts serving on {@code bind}:{@code port} (0 = any free port).
     *
     * @throws IllegalArgumentException when the address is not one of this machine's or the port is taken, saying
     *                                  which
     */
    static MetricsServer start(String bind, int port, Supplier<String> scrape) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics-port must be 0..65535, was " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--metrics-bind: unknown address '" + UserText.excerpt(bind) + "'");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot serve metrics on " + address.getHostAddress() + " port " + port
                    + " (" + e.getMessage() + "): is the port taken, or the address not this machine's? Choose "
                    + "another, or --metrics-port 0 for any free port");
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kon-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", exchange -> answer(exchange, scrape));
        server.start();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        return new MetricsServer(server, thread, URI.create("http://" + host + ":" + server.getAddress().getPort()
                + PATH));
    }

    private static void answer(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "not found: the metrics are at " + PATH + "\n", "text/plain; charset=utf-8");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "method not allowed\n", "text/plain; charset=utf-8");
            } else {
                send(exchange, 200, scrape.get(), CONTENT_TYPE);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Where the metrics are, with the port actually bound. */
    URI url() {
        return url;
    }

    /** Stops listening at once; a scrape in progress is cut off. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        thread.shutdownNow();
    }
}
