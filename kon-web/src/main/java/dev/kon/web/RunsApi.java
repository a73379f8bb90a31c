package dev.kon.web;

import dev.kon.runs.RunRecord;
import dev.kon.view.JsonDocument;
import dev.kon.view.RunJson;
import dev.kon.view.WorkerJson;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Locale;

/** {@code /api/runs}, {@code /api/runs/ID}, its history and cancel, {@code /api/workers}, {@code /api/queues}. */
final class RunsApi {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    private final WebCloud cloud;
    private final QueueSampler sampler;

    RunsApi(WebCloud cloud, QueueSampler sampler) {
        this.cloud = cloud;
        this.sampler = sampler;
    }

    void runs(Context ctx) {
        json(ctx, RunJson.of(cloud.backend().runs().recent(limit(ctx, DEFAULT_LIMIT, MAX_LIMIT)), now()));
    }

    /** The {@code limit} query parameter, 1..{@code max}, or {@code byDefault} when it is missing. */
    static int limit(Context ctx, int byDefault, int max) {
        String limit = ctx.queryParam("limit");
        if (limit == null) {
            return byDefault;
        }
        if (!limit.matches("\\d{1,5}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > max) {
            throw ApiError.badRequest("limit must be 1.." + max);
        }
        return Integer.parseInt(limit);
    }

    void run(Context ctx) {
        json(ctx, RunJson.of(find(ctx.pathParam("id")), now()));
    }

    void history(Context ctx) {
        String id = ctx.pathParam("id");
        find(id);
        json(ctx, JsonDocument.of(g -> {
            g.writeStartArray();
            for (QueueSampler.RunPoint p : sampler.run(id)) {
                g.writeStartObject();
                g.writeNumberField("at", p.at());
                g.writeNumberField("done", p.done());
                g.writeNumberField("failed", p.failed());
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        boolean cancelled = cloud.backend().runs().cancel(id, now());
        RunRecord run = find(id);
        json(ctx, JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeBooleanField("cancelled", cancelled);
            g.writeStringField("state", run.state().name().toLowerCase(Locale.ROOT));
            g.writeEndObject();
        }));
    }

    void workers(Context ctx) {
        Instant now = now();
        json(ctx, WorkerJson.of(cloud.backend().workers().live(now), now,
                dev.kon.workers.WorkerRegistry.LOST_AFTER));
    }

    void queues(Context ctx) {
        json(ctx, JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("queues");
            for (QueueSampler.Depths d : sampler.current()) {
                g.writeStartObject();
                g.writeStringField("name", d.name());
                g.writeStringField("kind", d.name().equals(cloud.taskQueue()) ? "task"
                        : d.name().equals(cloud.deadLetterQueue()) ? "dead"
                        : d.name().equals(dev.kon.queue.QueueSpec.priorityQueueOf(cloud.taskQueue())) ? "priority"
                        : "reply");
                g.writeNumberField("visible", d.depth().visible());
                g.writeNumberField("inFlight", d.depth().inFlight());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("history");
            for (QueueSampler.Point p : sampler.points()) {
                g.writeStartObject();
                g.writeNumberField("at", p.at());
                g.writeNumberField("waiting", p.waiting());
                g.writeNumberField("inFlight", p.inFlight());
                g.writeNumberField("dead", p.dead());
                g.writeNumberField("replies", p.replies());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private RunRecord find(String id) {
        return cloud.backend().runs().find(id).orElseThrow(() -> ApiError.notFound("run", id));
    }

    private Instant now() {
        return cloud.clock().instant();
    }

    static void json(Context ctx, String body) {
        ctx.contentType("application/json; charset=utf-8").result(body);
    }
}
