package dev.kon.bench.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Fetches from {@code kon web} as a browser does: HTTP/1.1, several requests at once on connections of their own.
 * Any answer but 200 is an error, so a figure is never the time of a refusal. Thread-safe.
 */
final class Pages {
    /** What the dashboard's script asks for on load and on every poll (dashboard.js). */
    static final List<String> DASHBOARD_CALLS = List.of("/api/queues", "/api/workers", "/api/runs");
    /** What the dashboard's HTML loads before its script runs (index.html). */
    static final List<String> DASHBOARD_ASSETS = List.of("/kon.css", "/kon.js", "/dashboard.js");

    private final String base;
    private final HttpClient http;

    Pages(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    String get(String path) throws InterruptedException {
        try {
            return check(path, http.send(request(path), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bodies of {@code paths}, requested all at once, in their order. */
    List<String> getAll(List<String> paths) {
        List<CompletableFuture<String>> answers = paths.stream().map(p -> http.sendAsync(request(p),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> check(p, r))).toList();
        try {
            return answers.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private static String check(String path, HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
        }
        return r.body();
    }
}
