package dev.kon.view;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kon.runs.FailedTask;
import java.io.IOException;
import java.util.List;

/**
 * A run's failed tasks as JSON: what {@code kon failures -o json} prints and {@code /api/runs/ID/failures} serves.
 * One object: {@code run}, {@code failed} (the count the run's record keeps, which may exceed the tasks listed) and
 * {@code failures}, each with {@code line}, {@code type}, {@code args}, {@code argsCut}, {@code reason},
 * {@code attempts} and {@code worker}. Fields in the README ("Failures, retry and resume").
 */
public final class FailureJson {
    private FailureJson() {
    }

    /**
     * @param runId   the run
     * @param counted how many tasks of it failed, as its record counts them
     * @param failed  the failed tasks listed, by line
     */
    public static String of(String runId, long counted, List<FailedTask> failed) {
        return JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeStringField("run", runId);
            g.writeNumberField("failed", counted);
            g.writeArrayFieldStart("failures");
            for (FailedTask f : failed) {
                write(g, f);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static void write(JsonGenerator g, FailedTask f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("line", f.line());
        g.writeStringField("type", f.type());
        g.writeStringField("args", f.args());
        g.writeBooleanField("argsCut", f.argsCut());
        g.writeStringField("reason", f.reason());
        g.writeNumberField("attempts", f.attempts());
        g.writeStringField("worker", f.worker());
        g.writeEndObject();
    }
}
