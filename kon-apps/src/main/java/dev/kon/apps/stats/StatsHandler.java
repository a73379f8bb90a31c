package dev.kon.apps.stats;

import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CloudCal as a Kon task type, {@code stats}: the arguments are numbers ({@link StatsRequest}), the output their
 * count, min, max, average and median as one line of JSON ({@link StatsAnswer}).
 *
 * <p>Each request also leaves a log object in the blob store under
 * {@code logs/cloudcal/yyyy/MM/dd/<taskId>-<uuid>.json} (UTC date from the task context's clock) holding the input
 * count, the results, the worker id and the time. Each log has its own key, so concurrent requests never lose a
 * line, unlike the seed's shared {@code CloudLogs.txt} that every worker rewrote; a retried task leaves one more
 * log, which is a true record of the extra run.
 *
 * <p>Thread-safety: stateless; one instance serves all worker threads. Failure behaviour: bad arguments are a
 * {@link PermanentTaskFailure} with the message {@link #validate} gives; a blob store failure while writing the
 * log propagates and is retried under the worker's policy.
 */
public final class StatsHandler implements TaskHandler {
    /** The task type. */
    public static final String TYPE = "stats";
    /** Where the log objects go; a date folder and a unique name follow. */
    public static final String LOG_PREFIX = "logs/cloudcal/";

    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    @Override
    public String type() {
        return TYPE;
    }

    /** One minute: a statistic of a few numbers and one small upload take milliseconds. */
    @Override
    public java.time.Duration timeLimit(String args) {
        return java.time.Duration.ofMinutes(1);
    }

    @Override
    public String validate(String args) {
        try {
            StatsRequest.parse(args);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Override
    public String handle(Task task, TaskContext ctx) {
        StatsRequest request;
        try {
            request = StatsRequest.parse(task.args());
        } catch (IllegalArgumentException e) {
            throw new PermanentTaskFailure(e.getMessage(), e);
        }
        Summary summary = Summary.of(request.numbers());
        Instant now = ctx.clock().instant();
        String logKey = LOG_PREFIX + DAY_FOLDER.format(now) + "/" + task.id() + "-" + UUID.randomUUID() + ".json";
        StatsAnswer answer = new StatsAnswer(summary, logKey);
        ctx.blobs().putBytes(logKey, logRecord(task, ctx, now, answer).getBytes(StandardCharsets.UTF_8),
                "application/json");
        ctx.log().debug("task {}: {} numbers, log {}", task.id(), summary.count(), logKey);
        return answer.toJson();
    }

    private static String logRecord(Task task, TaskContext ctx, Instant now, StatsAnswer answer) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("v", 1);
        f.put("task", task.id());
        f.put("worker", ctx.workerId());
        f.put("time", now.toString());
        f.putAll(answer.fields());
        f.remove("log");
        return FlatJson.write(f);
    }
}
