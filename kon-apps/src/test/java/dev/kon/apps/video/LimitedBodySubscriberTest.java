package dev.kon.apps.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LimitedBodySubscriberTest {
    private HttpServer server;
    private URI url;

    @BeforeEach
    void startServerOfChunkedBodiesWithoutLength() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            int size = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[size]);
            } catch (java.io.IOException clientGaveUp) {
                // Expected when the body is over the client's limit.
            }
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void body_whenUnderTheLimit_isCollectedWhole() throws Exception {
        byte[] body = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(url.resolve("5000")).build(),
                info -> new LimitedBodySubscriber(10_000)).get().body();

        assertThat(body).hasSize(5000);
    }

    @Test
    void body_whenOverTheLimit_failsWithoutReadingItAll() {
        HttpRequest big = HttpRequest.newBuilder(url.resolve("300000")).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().sendAsync(big, info -> new LimitedBodySubscriber(10_000))
                .get()).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(LimitedBodySubscriber.TooLargeException.class);
    }
}
