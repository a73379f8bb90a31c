package dev.kon.web;

import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.task.TaskHandlers;
import dev.kon.workload.WorkloadCheck;
import dev.kon.workload.WorkloadException;
import dev.kon.workload.WorkloadFile;
import dev.kon.view.JsonDocument;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/submit}: a workload file, streamed to a temporary file within the upload limit, checked line by
 * line as {@code kon submit} checks it (bad lines listed, nothing sent), then run in the background; the answer
 * names the run to follow.
 */
final class SubmitApi {
    private static final Logger LOG = LoggerFactory.getLogger(SubmitApi.class);
    private final WebCloud cloud;
    private final BackgroundRuns runs;
    private final Path work;
    private final long maxBytes;
    private final TaskHandlers handlers = TaskHandlers.discover();

    SubmitApi(WebCloud cloud, BackgroundRuns runs, Path work, long maxBytes) {
        this.cloud = cloud;
        this.runs = runs;
        this.work = work;
        this.maxBytes = maxBytes;
    }

    void submit(Context ctx) throws IOException {
        String name = label(ctx.queryParam("name"));
        Path file = Files.createTempFile(work, "workload", ".txt");
        boolean started = false;
        try {
            Uploads.toFile(ctx, file, maxBytes, "the workload");
            long start = System.nanoTime();
            WorkloadFile workload = new WorkloadFile(file);
            WorkloadCheck check = workload.check(handlers);
            try {
                check.orThrow();
            } catch (WorkloadException e) {
                // The lines name the file as the user knows it, not the server's temporary copy.
                throw new ApiError(400, e.getMessage().replace(file.toString(), name),
                        e.errors().stream().map(l -> l.replace(file.toString(), name)).toList());
            }
            String runId = RunSpec.newRunId();
            RunRequest req = new RunRequest(cloud.taskQueue(), workload::tasks, check.tasks(), check.sleepMillis(),
                    0, 0, Duration.ofNanos(System.nanoTime() - start), Duration.ZERO).withWorkload(name);
            runs.start(runId, req, r -> { }, () -> delete(file));
            started = true;
            ctx.status(202);
            RunsApi.json(ctx, JsonDocument.of(g -> {
                g.writeStartObject();
                g.writeStringField("run", runId);
                g.writeNumberField("tasks", check.tasks());
                g.writeEndObject();
            }));
        } finally {
            if (!started) {
                delete(file);
            }
        }
    }

    /** The file's name as the run registry shows it: letters, digits and {@code ._-} only, at most 100. */
    static String label(String name) {
        if (name == null) {
            return "workload";
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "workload" : safe.substring(0, Math.min(100, safe.length()));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.toString());
        }
    }
}
