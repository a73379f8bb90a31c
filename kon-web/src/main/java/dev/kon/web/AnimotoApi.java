package dev.kon.web;

import dev.kon.apps.video.JobFileException;
import dev.kon.apps.video.VideoJob;
import dev.kon.apps.video.VideoJobReader;
import dev.kon.apps.video.sample.SampleImageServer;
import dev.kon.apps.video.sample.SampleJobs;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.UserText;
import dev.kon.view.JsonDocument;
import dev.kon.view.VideoJson;
import dev.kon.view.VideoResult;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Animoto in the browser: {@code POST /api/animoto} with a job file (image URLs, one per line) or
 * {@code POST /api/animoto/sample} for sample jobs this server draws and serves itself; each becomes a run of
 * {@code video} tasks, followed at {@code GET /api/animoto/RUN}.
 */
final class AnimotoApi implements AutoCloseable {
    static final int MAX_JOB_FILE_BYTES = 1 << 20;
    static final int MAX_SAMPLE_JOBS = 8;
    static final int MAX_SAMPLE_IMAGES = 120;
    static final int KEEP_BATCHES = 50;
    private static final String EXPIRY = "^\\d{1,6}[smhd]$";

    private final WebCloud cloud;
    private final BackgroundRuns runs;
    private final Path work;
    private final TaskHandlers handlers = TaskHandlers.discover();
    private final Map<String, List<VideoResult>> batches = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<VideoResult>> eldest) {
                    return size() > KEEP_BATCHES;
                }
            });
    private SampleImageServer images;

    AnimotoApi(WebCloud cloud, BackgroundRuns runs, Path work) {
        this.cloud = cloud;
        this.runs = runs;
        this.work = work;
    }

    void upload(Context ctx) throws IOException {
        String expiry = expiry(ctx);
        Path dir = Files.createTempDirectory(work, "job");
        // The video is named after the file: a name of safe characters only, never a path.
        String name = ctx.queryParam("name");
        String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^[.-]+", "");
        Path file = dir.resolve(safe.isEmpty() ? "job.txt" : safe.substring(0, Math.min(100, safe.length())));
        Uploads.toFile(ctx, file, MAX_JOB_FILE_BYTES, "the job file");
        VideoJob job;
        try {
            job = VideoJobReader.readJob(file);
        } catch (JobFileException e) {
            throw ApiError.badRequest(UserText.excerpt(e.getMessage().replace(file.toString(), safe))
                    + "; nothing was sent");
        }
        start(ctx, List.of(job), expiry);
    }

    void sample(Context ctx) throws IOException {
        int jobs = count(ctx.queryParam("jobs"), 2, MAX_SAMPLE_JOBS, "jobs");
        int perJob = count(ctx.queryParam("images"), SampleJobs.SEED_IMAGES_PER_JOB, MAX_SAMPLE_IMAGES, "images");
        String expiry = expiry(ctx);
        Path dir = Files.createTempDirectory(work, "sample");
        Path index = SampleJobs.write(dir, jobs, perJob, images().baseUrl());
        start(ctx, VideoJobReader.read(index), expiry);
    }

    void batch(Context ctx) {
        String id = ctx.pathParam("id");
        List<VideoResult> videos = batches.get(id);
        if (videos == null) {
            throw ApiError.notFound("Animoto run", id);
        }
        List<VideoResult> copy;
        synchronized (videos) {
            copy = List.copyOf(videos);
        }
        RunsApi.json(ctx, JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeStringField("run", id);
            g.writeStringField("state", copy.stream().anyMatch(v -> v.state().equals("waiting")) ? "running" : "done");
            VideoJson.fields(g, copy);
            g.writeEndObject();
        }));
    }

    private void start(Context ctx, List<VideoJob> jobs, String expiry) {
        List<String> options = expiry == null ? List.of() : List.of("--expiry=" + expiry);
        List<Task> tasks = new ArrayList<>();
        List<VideoResult> videos = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Task t = new Task(i + 1, "video", jobs.get(i).taskArgs(options));
            var handler = handlers.find("video");
            String problem = handler.isEmpty() ? "no 'video' handler" : handler.get().validate(t.args());
            if (problem != null) {
                throw ApiError.badRequest(UserText.excerpt(problem) + "; nothing was sent");
            }
            tasks.add(t);
            videos.add(VideoResult.waiting(jobs.get(i).name()));
        }
        String runId = RunSpec.newRunId();
        List<VideoResult> shared = Collections.synchronizedList(videos);
        batches.put(runId, shared);
        RunRequest req = new RunRequest(cloud.taskQueue(), tasks::iterator, tasks.size(), -1, 0, 1, Duration.ZERO,
                Duration.ZERO).withWorkload("animoto (" + tasks.size() + " jobs)");
        runs.start(runId, req, r -> {
            int i = (int) r.taskId() - 1;
            if (i >= 0 && i < shared.size()) {
                shared.set(i, VideoResult.of(shared.get(i).job(), r));
            }
        }, () -> { });
        ctx.status(202);
        RunsApi.json(ctx, JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeStringField("run", runId);
            g.writeNumberField("jobs", tasks.size());
            g.writeEndObject();
        }));
    }

    private synchronized SampleImageServer images() {
        if (images == null) {
            images = SampleImageServer.start(0);
        }
        return images;
    }

    private static String expiry(Context ctx) {
        String e = ctx.queryParam("expiry");
        if (e == null || e.isBlank()) {
            return null;
        }
        if (!e.matches(EXPIRY)) {
            throw ApiError.badRequest("expiry must be a whole number of s, m, h or d (10m, 1h), was '"
                    + UserText.excerpt(e) + "'");
        }
        return e;
    }

    private static int count(String text, int dflt, int max, String what) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        if (!text.matches("\\d{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
            throw ApiError.badRequest(what + " must be 1.." + max + ", was '" + UserText.excerpt(text) + "'");
        }
        return Integer.parseInt(text);
    }

    @Override
    public synchronized void close() {
        if (images != null) {
            images.close();
        }
    }
}
