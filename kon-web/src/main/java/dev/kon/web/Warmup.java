package dev.kon.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the server once for what the dashboard loads, before {@code kon web} prints its address: the first request
 * of each kind loads and compiles its path (Jetty's static files, the JSON writers, the cloud clients' calls), which
 * took the first user's load from about 70 ms to 400-600 ms on a busy 2-core machine. A failure is logged and
 * changes nothing: the server serves as it would have.
 */
final class Warmup {
    /** The dashboard's page, assets and API calls (index.html, dashboard.js). */
    static final List<String> PATHS = List.of("/", "/kon.css", "/kon.js", "/dashboard.js", "/api/queues",
            "/api/workers", "/api/runs");
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    private Warmup() {
    }

    /** GETs {@link #PATHS} from {@code base} ({@code http://host:port}), with the access token if there is one. */
    static void run(String base, String token) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : PATHS) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            try {
                int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    LOG.debug("warm-up GET {} answered {}", path, status);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.debug("warm-up GET {} failed: {}", path, e.toString());
            }
        }
    }
}
