package dev.kon.web;

import dev.kon.client.FailedRetry;
import dev.kon.client.RunSpec;
import dev.kon.runs.FailedTask;
import dev.kon.runs.RunRecord;
import dev.kon.task.UserText;
import dev.kon.view.FailureJson;
import dev.kon.view.JsonDocument;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/runs/ID/failures}, the failed tasks {@code kon failures -o json} lists, and
 * {@code POST /api/runs/ID/retry}, what {@code kon retry ID --failed} runs, started in the background; the answer
 * names the new run.
 */
final class FailuresApi {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    private final WebCloud cloud;
    private final BackgroundRuns runs;

    FailuresApi(WebCloud cloud, BackgroundRuns runs) {
        this.cloud = cloud;
        this.runs = runs;
    }

    void failures(Context ctx) {
        String id = ctx.pathParam("id");
        int limit = RunsApi.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        Optional<RunRecord> run = cloud.backend().runs().find(id);
        List<FailedTask> failed = cloud.backend().runs().failures(id, limit);
        // As kon failures: a run is unknown only when neither its record nor any failed task of it is kept.
        if (run.isEmpty() && failed.isEmpty()) {
            throw ApiError.notFound("run", id);
        }
        RunsApi.json(ctx, FailureJson.of(id, run.map(RunRecord::failed).orElse((long) failed.size()), failed));
    }

    void retry(Context ctx) {
        String id = ctx.pathParam("id");
        RunRecord first = cloud.backend().runs().find(id).orElseThrow(() -> ApiError.notFound("run", id));
        FailedRetry retry = FailedRetry.of(cloud.backend().runs(), first);
        if (retry.tasks().isEmpty()) {
            throw new ApiError(409, "run '" + UserText.excerpt(id) + "' has no failed tasks to retry"
                    + (retry.leftOut().isEmpty() ? "" : " (" + retry.leftOut().size()
                    + " left out: their arguments were too long to keep)"));
        }
        String newRun = RunSpec.newRunId();
        runs.start(newRun, retry.request(Duration.ZERO), r -> { }, () -> { });
        ctx.status(202);
        RunsApi.json(ctx, JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeStringField("run", newRun);
            g.writeStringField("retryOf", id);
            g.writeNumberField("tasks", retry.tasks().size());
            g.writeArrayFieldStart("leftOut");
            for (long line : retry.leftOut()) {
                g.writeNumber(line);
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }
}
