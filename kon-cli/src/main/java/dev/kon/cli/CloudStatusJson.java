package dev.kon.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kon.aws.CloudStatus;
import java.io.IOException;

/**
 * {@code kon cloud status -o json}: each resource with its name and whether it exists, and the queues' approximate
 * counts (fields in the README). Counts are null for a queue that does not exist.
 */
final class CloudStatusJson {
    private CloudStatusJson() {
    }

    static String of(CloudStatus s) {
        return DeadLetterView.json(g -> {
            g.writeStartObject();
            g.writeBooleanField("ready", s.ready());
            g.writeArrayFieldStart("missing");
            for (String m : s.missing()) {
                g.writeString(m);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("queues");
            queue(g, "tasks", s.taskQueue());
            queue(g, "priority", s.priorityQueue());
            queue(g, "deadLetter", s.deadLetterQueue());
            g.writeEndObject();
            g.writeObjectFieldStart("replyQueues");
            g.writeNumberField("count", s.responseQueues().size());
            g.writeArrayFieldStart("names");
            for (String name : s.responseQueues()) {
                g.writeString(name);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("tables");
            resource(g, "ledger", s.ledgerTable());
            resource(g, "runs", s.runsTable());
            resource(g, "workers", s.workersTable());
            g.writeEndObject();
            resource(g, "bucket", s.bucket());
            g.writeEndObject();
        });
    }

    private static void queue(JsonGenerator g, String field, CloudStatus.QueueStatus q) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("name", q.name());
        g.writeBooleanField("exists", q.exists());
        count(g, "waiting", q.exists() ? q.depth().visible() : null);
        count(g, "inFlight", q.exists() ? q.depth().inFlight() : null);
        g.writeEndObject();
    }

    private static void count(JsonGenerator g, String field, Long n) throws IOException {
        if (n == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, n);
        }
    }

    private static void resource(JsonGenerator g, String field, CloudStatus.Resource r) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("name", r.name());
        g.writeBooleanField("exists", r.exists());
        g.writeEndObject();
    }
}
