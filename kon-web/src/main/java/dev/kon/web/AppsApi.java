package dev.kon.web;

import dev.kon.apps.enhance.EnhanceAnswer;
import dev.kon.apps.enhance.EnhanceRequest;
import dev.kon.apps.stats.StatsAnswer;
import dev.kon.apps.stats.StatsRequest;
import dev.kon.blob.BlobNotFoundException;
import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.client.RequestSession;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.task.UserText;
import dev.kon.view.CalJson;
import dev.kon.view.PicJson;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * {@code POST /api/cal} (CloudCal), {@code POST /api/pic} (CloudPic) and {@code GET /api/blobs/ID} (the logs and
 * images they link to). Requests go through one {@link RequestSession} the server keeps open (one reply queue for
 * all of them), checked by the task's handler before anything is sent.
 */
final class AppsApi {
    static final int MAX_NUMBERS_BYTES = 8 << 20;
    static final Duration CAL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration PIC_TIMEOUT = Duration.ofSeconds(120);
    private final WebCloud cloud;
    private final BlobLinks links;
    private final long maxImageBytes;
    private final TaskHandlers handlers = TaskHandlers.discover();
    private Kon kon;

    AppsApi(WebCloud cloud, BlobLinks links, long maxImageBytes) {
        this.cloud = cloud;
        this.links = links;
        this.maxImageBytes = maxImageBytes;
    }

    void cal(Context ctx) throws IOException, InterruptedException {
        String text = new String(Uploads.bytes(ctx, MAX_NUMBERS_BYTES, "the numbers"), StandardCharsets.UTF_8);
        StatsRequest request;
        try {
            request = StatsRequest.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage() + "; nothing was sent");
        }
        TaskResult r = call(new Task(1, "stats", request.toArgs()), CAL_TIMEOUT);
        StatsAnswer answer = StatsAnswer.parse(r.output());
        String link = links.add(answer.log(), "application/json", "cloudcal-log.json");
        RunsApi.json(ctx, CalJson.of(answer, link));
    }

    void pic(Context ctx) throws IOException, InterruptedException {
        String name = ctx.queryParam("name");
        name = name == null || name.isBlank() ? "image" : name;
        double factor = factor(ctx.queryParam("factor"));
        byte[] image = Uploads.bytes(ctx, maxImageBytes, "the image");
        String format = imageFormat(image);
        EnhanceRequest request = EnhanceRequest.forUpload(name, factor);
        String type = format.equals("png") ? "image/png" : "image/jpeg";
        cloud.backend().blobs().putBytes(request.inputKey(), image, type);
        TaskResult r = call(new Task(1, "enhance", request.toArgs()), PIC_TIMEOUT);
        EnhanceAnswer answer = EnhanceAnswer.parse(r.output());
        String resultName = answer.key().substring(answer.key().lastIndexOf('/') + 1);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("before", links.add(request.inputKey(), type,
                request.inputKey().substring(request.inputKey().lastIndexOf('/') + 1)));
        String after = links.add(answer.key(), type, resultName);
        extra.put("after", after);
        extra.put("download", after + "?download=1");
        RunsApi.json(ctx, PicJson.of(UserText.excerpt(name), factor, answer, extra));
    }

    void blob(Context ctx) throws IOException {
        BlobLinks.Link link = links.find(ctx.pathParam("id"))
                .orElseThrow(() -> ApiError.notFound("link", ctx.pathParam("id")));
        InputStream in;
        try {
            in = cloud.backend().blobs().get(link.key());
        } catch (BlobNotFoundException e) {
            throw new ApiError(404, "the object is gone from the bucket");
        }
        ctx.contentType(link.contentType());
        if (ctx.queryParam("download") != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + link.fileName() + "\"");
        }
        ctx.result(in);
    }

    /** Sends one task on the shared session; an error answer when none came or the worker refused. */
    private TaskResult call(Task task, Duration timeout) throws InterruptedException {
        var handler = handlers.find(task.type());
        String problem = handler.isEmpty() ? "no '" + task.type() + "' handler" : handler.get().validate(task.args());
        if (problem != null) {
            throw ApiError.badRequest(problem + "; nothing was sent");
        }
        TaskResult r = session().callOne(task, timeout);
        if (r == null) {
            throw new ApiError(504, "no answer within " + timeout.toSeconds() + " s: is a 'kon worker' serving '"
                    + cloud.taskQueue() + "'?");
        }
        if (!r.succeeded()) {
            throw new ApiError(422, "the worker refused: " + UserText.excerpt(r.output()));
        }
        return r;
    }

    private synchronized RequestSession session() {
        if (kon == null) {
            kon = Kon.open(KonSettings.of(cloud.backend(), cloud.taskQueue()));
        }
        return kon.requests();
    }

    synchronized void close() {
        if (kon != null) {
            kon.close();
        }
    }

    private static double factor(String text) {
        if (text == null || text.isBlank()) {
            return EnhanceRequest.DEFAULT_FACTOR;
        }
        try {
            double f = Double.parseDouble(text);
            if (f >= 0 && f <= EnhanceRequest.MAX_FACTOR) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("factor must be a decimal from 0 to " + (long) EnhanceRequest.MAX_FACTOR
                + ", was '" + UserText.excerpt(text) + "'");
    }

    /** {@code jpeg} or {@code png}, as the bytes say whatever the name says; anything else is refused. */
    static String imageFormat(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers != null && readers.hasNext()) {
                ImageReader reader = readers.next();
                String f = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (f.equals("jpeg") || f.equals("png")) {
                    return f;
                }
            }
        }
        throw new ApiError(415, "not a JPEG or PNG image; nothing was sent");
    }
}
