package dev.kon.view;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kon.workers.WorkerRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Workers as JSON, as {@code /api/workers} serves them; fields in the README ("Kon web"). */
public final class WorkerJson {
    private WorkerJson() {
    }

    /** The workers as a JSON array, each with {@code live} decided at {@code now}. */
    public static String of(List<WorkerRecord> workers, Instant now) {
        return JsonDocument.of(g -> {
            g.writeStartArray();
            for (WorkerRecord w : workers) {
                write(g, w, now);
            }
            g.writeEndArray();
        });
    }

    static void write(JsonGenerator g, WorkerRecord w, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("worker", w.workerId());
        g.writeStringField("host", w.host());
        g.writeNumberField("pid", w.pid());
        g.writeStringField("version", w.version());
        g.writeNumberField("threads", w.threads());
        g.writeStringField("queue", w.queue());
        g.writeStringField("started", w.started().toString());
        g.writeNumberField("tasksDone", w.tasksDone());
        g.writeNumberField("tasksPerSecond", Math.round(w.tasksPerSecond() * 10) / 10.0);
        g.writeArrayFieldStart("runs");
        for (String r : w.runs()) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeStringField("status", w.status().name().toLowerCase(Locale.ROOT));
        g.writeStringField("lastSeen", w.lastSeen().toString());
        g.writeBooleanField("live", w.liveAt(now));
        g.writeEndObject();
    }
}
