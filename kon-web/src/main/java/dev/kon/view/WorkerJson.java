package dev.kon.view;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kon.workers.WorkerRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Workers as JSON: what {@code kon workers -o json} prints, {@code kon status -o json} nests and
 * {@code /api/workers} serves. The fields are documented in the README ("Watching workers").
 */
public final class WorkerJson {
    private WorkerJson() {
    }

    /** The workers as a JSON array, each with its status as a reader judges it at {@code now}. */
    public static String of(List<WorkerRecord> workers, Instant now, Duration lostAfter) {
        return JsonDocument.of(g -> {
            g.writeStartArray();
            for (WorkerRecord w : workers) {
                write(g, w, now, lostAfter);
            }
            g.writeEndArray();
        });
    }

    /** {@code running}, {@code draining} or {@code stopped} as the worker said; {@code lost} when not seen. */
    public static String status(WorkerRecord w, Instant now, Duration lostAfter) {
        return w.lostAt(now, lostAfter) ? "lost" : w.status().name().toLowerCase(Locale.ROOT);
    }

    /** Writes one worker's object. */
    public static void write(JsonGenerator g, WorkerRecord w, Instant now, Duration lostAfter) throws IOException {
        g.writeStartObject();
        g.writeStringField("worker", w.workerId());
        g.writeStringField("host", w.host());
        g.writeNumberField("pid", w.pid());
        g.writeStringField("version", w.version());
        g.writeNumberField("threads", w.threads());
        g.writeStringField("queue", w.queue());
        g.writeStringField("status", status(w, now, lostAfter));
        g.writeBooleanField("live", w.liveAt(now, lostAfter));
        g.writeStringField("started", w.started().toString());
        g.writeNumberField("tasksDone", w.tasksDone());
        g.writeNumberField("tasksPerSecond", Math.round(w.tasksPerSecond() * 10) / 10.0);
        g.writeArrayFieldStart("runs");
        for (String r : w.runs()) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeStringField("lastSeen", w.lastSeen().toString());
        g.writeNumberField("secondsSinceSeen", Math.max(0, Duration.between(w.lastSeen(), now).toSeconds()));
        g.writeEndObject();
    }
}
