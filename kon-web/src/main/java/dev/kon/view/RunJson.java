package dev.kon.view;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kon.runs.RunRecord;
import dev.kon.workers.WorkerRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Runs as JSON: what {@code kon runs -o json} and {@code kon status -o json} print and {@code /api/runs} serves.
 * The fields are documented in the README ("Watching runs").
 */
public final class RunJson {
    private RunJson() {
    }

    /** One run as a JSON object. */
    public static String of(RunRecord run, Instant now) {
        return JsonDocument.of(g -> write(g, run, now));
    }

    /**
     * One run as a JSON object with, last, a {@code workers} array of the live workers holding it ({@code null}
     * when they could not be read), as {@code kon status -o json} prints it.
     */
    public static String of(RunRecord run, Instant now, List<WorkerRecord> workers, Duration lostAfter) {
        return JsonDocument.of(g -> {
            g.writeStartObject();
            fields(g, run, now);
            if (workers == null) {
                g.writeNullField("workers");
            } else {
                g.writeArrayFieldStart("workers");
                for (WorkerRecord w : workers) {
                    WorkerJson.write(g, w, now, lostAfter);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    /** Runs as a JSON array of objects. */
    public static String of(List<RunRecord> runs, Instant now) {
        return JsonDocument.of(g -> {
            g.writeStartArray();
            for (RunRecord r : runs) {
                write(g, r, now);
            }
            g.writeEndArray();
        });
    }

    /** Writes one run's object. */
    public static void write(JsonGenerator g, RunRecord run, Instant now) throws IOException {
        g.writeStartObject();
        fields(g, run, now);
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, RunRecord run, Instant now) throws IOException {
        RunProgress p = new RunProgress(run, now);
        g.writeStringField("run", run.runId());
        g.writeStringField("state", run.state().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("tasks", run.tasks());
        g.writeNumberField("sent", run.sent());
        g.writeNumberField("bundles", run.bundles());
        g.writeNumberField("done", run.done());
        g.writeNumberField("succeeded", run.succeeded());
        g.writeNumberField("failed", run.failed());
        g.writeNumberField("ratePerSecond", Math.round(p.rate() * 10) / 10.0);
        Duration eta = p.eta();
        if (eta == null) {
            g.writeNullField("etaSeconds");
        } else {
            g.writeNumberField("etaSeconds", eta.toSeconds());
        }
        g.writeNumberField("knownWorkMs", run.knownWorkMs());
        g.writeStringField("submittedAt", run.submittedAt().toString());
        g.writeStringField("from", run.from());
        g.writeStringField("lastActivity", run.lastActivity().toString());
        g.writeStringField("workload", run.workload());
        g.writeStringField("taskQueue", run.taskQueue());
        if (run.origin().retryOf().isEmpty()) {
            g.writeNullField("retryOf");
        } else {
            g.writeStringField("retryOf", run.origin().retryOf());
        }
    }
}
