package dev.kon.web;

import dev.kon.view.JsonDocument;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kon's web server: the pages (plain HTML, JS and CSS from the class path) and the JSON API behind them, on the
 * cloud a {@link WebCloud} names. See the README ("Kon web") for the API and the security rules, and
 * {@link Guard} for how they are enforced.
 *
 * <p>Thread-safety: handlers run on Jetty's threads; every collaborator is thread-safe. Failure behaviour: an
 * {@link ApiError} is answered with its status and message; anything else with 500 and a one-line message (the
 * log has the rest); the server goes on.
 */
public final class KonWeb implements AutoCloseable {
    /** How often the charts' figures are sampled. */
    public static final long SAMPLE_MILLIS = 1000;
    /**
     * How often the dashboard and run pages ask again (kon.js has the same figure): a change shows within this plus
     * two answers' time, under the 1 s.
     */
    public static final long POLL_MILLIS = 750;
    private static final Logger LOG = LoggerFactory.getLogger(KonWeb.class);

    private final WebConfig config;
    private final Javalin app;
    private final Guard guard;
    private final QueueSampler sampler;
    private final ScheduledExecutorService sampling;
    private final BackgroundRuns runs;
    private final AppsApi apps;
    private final AnimotoApi animoto;
    private final Path work;

    private KonWeb(WebConfig config, WebCloud cloud) throws IOException {
        this.config = config;
        this.work = Files.createTempDirectory("kon-web");
        this.guard = new Guard(config.token(), WebConfig.isLoopback(config.host()));
        this.sampler = new QueueSampler(cloud);
        this.runs = new BackgroundRuns(cloud.backend());
        BlobLinks links = new BlobLinks();
        this.apps = new AppsApi(cloud, links, config.maxImageBytes());
        this.animoto = new AnimotoApi(cloud, runs, work);
        RunsApi runsApi = new RunsApi(cloud, sampler);
        FailuresApi failures = new FailuresApi(cloud, runs);
        SubmitApi submit = new SubmitApi(cloud, runs, work, config.maxWorkloadBytes());
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/dev/kon/web/static";
                s.location = Location.CLASSPATH;
            });
            c.routes.before(guard::check);
            c.routes.before("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
            c.routes.get("/api/session", this::session);
            c.routes.get("/api/runs", runsApi::runs);
            c.routes.get("/api/runs/{id}", runsApi::run);
            c.routes.get("/api/runs/{id}/history", runsApi::history);
            c.routes.post("/api/runs/{id}/cancel", runsApi::cancel);
            c.routes.get("/api/runs/{id}/failures", failures::failures);
            c.routes.post("/api/runs/{id}/retry", failures::retry);
            c.routes.get("/api/workers", runsApi::workers);
            c.routes.get("/api/queues", runsApi::queues);
            c.routes.post("/api/cal", apps::cal);
            c.routes.post("/api/pic", apps::pic);
            c.routes.get("/api/blobs/{id}", apps::blob);
            c.routes.post("/api/animoto", animoto::upload);
            c.routes.post("/api/animoto/sample", animoto::sample);
            c.routes.get("/api/animoto/{id}", animoto::batch);
            c.routes.post("/api/submit", submit::submit);
            c.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage(), e));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "the server failed: " + e.getClass().getSimpleName()
                        + " (the server's log has the details)", null);
            });
            c.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "no such page", null);
                }
            });
        });
        this.sampling = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kon-web-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts serving; the sampler takes its first sample before the first page can ask, and the dashboard's requests
     * are served once ({@link Warmup}) before this returns.
     */
    public static KonWeb start(WebConfig config, WebCloud cloud) {
        KonWeb web;
        try {
            web = new KonWeb(config, cloud);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            web.sampler.sample();
            web.app.start(config.host(), config.port());
            web.guard.port(web.app.port());
            web.sampling.scheduleWithFixedDelay(web.sampler::sample, SAMPLE_MILLIS, SAMPLE_MILLIS,
                    TimeUnit.MILLISECONDS);
            Warmup.run(web.base(), config.token());
            return web;
        } catch (RuntimeException e) {
            web.close();
            throw e;
        }
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The address to open, with the access token when there is one. */
    public String url() {
        return base() + "/" + (config.token() == null ? "" : "?token=" + config.token());
    }

    private String base() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    private void session(Context ctx) {
        RunsApi.json(ctx, JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeStringField("csrf", guard.csrf());
            g.writeNumberField("pollMillis", POLL_MILLIS);
            g.writeEndObject();
        }));
    }

    private static void error(Context ctx, int status, String message, ApiError e) {
        ctx.status(status);
        RunsApi.json(ctx, JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            if (e != null && !e.details.isEmpty()) {
                g.writeArrayFieldStart("errors");
                for (String d : e.details) {
                    g.writeString(d);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }));
    }

    @Override
    public void close() {
        sampling.shutdownNow();
        app.stop();
        try {
            runs.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        apps.close();
        animoto.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", work, e.toString());
        }
    }
}
