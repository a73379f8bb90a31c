package dev.kon.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kon.FatalErrors;
import dev.kon.queue.DeadLetterNote;
import dev.kon.queue.QueueMessage;
import dev.kon.task.Task;
import dev.kon.task.UserText;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * How {@code kon dlq} shows one dead-lettered message: its note (or that it has none) and, when its body is a task
 * bundle, the run, the bundle and the tasks. Text for people, JSON for scripts (fields in the README).
 */
final class DeadLetterView {
    /** Tasks {@code kon dlq show} prints at most. */
    static final int MAX_TASKS_SHOWN = 10;
    private static final JsonFactory JSON = new JsonFactory();
    /** Said of a message that carries no note: the queue moved it itself, after too many receives. */
    static final String NO_NOTE = "none kept (moved by the queue itself after too many receives, or by an older Kon)";
    private final QueueMessage message;
    private final DeadLetterNote note;
    private final TaskBundle bundle;
    private final String source;

    DeadLetterView(QueueMessage message, String source, LargeBodies bodies) {
        this.message = message;
        this.note = DeadLetterNote.of(message).orElse(null);
        this.bundle = bundleOf(message, bodies);
        this.source = source;
    }

    /** The message's bundle, or null when its body is not one (a result message, a malformed body). */
    private static TaskBundle bundleOf(QueueMessage m, LargeBodies bodies) {
        try {
            return WireCodec.decodeBundle(bodies.resolve(m.body()));
        } catch (Throwable e) {
            if (FatalErrors.isFatal(e)) {
                throw e;
            }
            return null;
        }
    }

    String reason() {
        return note == null ? NO_NOTE : note.reason();
    }

    static String header() {
        return String.format(Locale.ROOT, "%-38s %-22s %-28s %6s  %-20s  %s", "ID", "RUN", "BUNDLE", "TASKS",
                "MOVED AT", "REASON");
    }

    /** One line of the {@code kon dlq list} table. */
    String row() {
        return String.format(Locale.ROOT, "%-38s %-22s %-28s %6s  %-20s  %s", message.messageId(),
                bundle == null ? "-" : cut(bundle.run(), 22), bundle == null ? "-" : cut(bundle.bundleId(), 28),
                bundle == null ? "-" : String.format(Locale.ROOT, "%,d", bundle.tasks().size()),
                note == null ? "-" : note.movedAt().toString(), cut(reason(), 120));
    }

    /** The {@code kon dlq show} text. */
    String detail() {
        StringBuilder sb = new StringBuilder();
        line(sb, "message", message.messageId());
        line(sb, "reason", reason());
        line(sb, "source", source + (note == null ? " (the task queue: no note names one)" : ""));
        line(sb, "moved at", note == null ? "-" : note.movedAt().toString());
        line(sb, "receives", note == null ? "-" : note.receiveCount() + " on " + source);
        if (bundle == null) {
            line(sb, "body", "not a task bundle: " + UserText.excerpt(message.body()));
            return sb.toString();
        }
        line(sb, "run", bundle.run());
        line(sb, "bundle", bundle.bundleId());
        line(sb, "tasks", String.format(Locale.ROOT, "%,d", bundle.tasks().size()));
        List<Task> tasks = bundle.tasks();
        for (int i = 0; i < Math.min(MAX_TASKS_SHOWN, tasks.size()); i++) {
            sb.append(String.format(Locale.ROOT, "  %6d  %s%n", tasks.get(i).id(), taskLine(tasks.get(i))));
        }
        if (tasks.size() > MAX_TASKS_SHOWN) {
            sb.append(String.format(Locale.ROOT, "  ... and %,d more%n", tasks.size() - MAX_TASKS_SHOWN));
        }
        return sb.toString();
    }

    /** A task as its workload line was, at most 200 characters of it. */
    static String taskLine(Task t) {
        return UserText.excerpt(t.args().isEmpty() ? t.type() : t.type() + " " + t.args());
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "%-9s %s%n", name, value));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** The message as a JSON object; with {@code tasks}, its tasks' first lines too (at most 10). */
    void object(JsonGenerator g, boolean tasks) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", message.messageId());
        g.writeStringField("reason", note == null ? null : note.reason());
        g.writeStringField("source", source);
        g.writeStringField("movedAt", note == null ? null : note.movedAt().toString());
        if (note == null) {
            g.writeNullField("receives");
        } else {
            g.writeNumberField("receives", note.receiveCount());
        }
        g.writeStringField("run", bundle == null ? null : bundle.run());
        g.writeStringField("bundle", bundle == null ? null : bundle.bundleId());
        if (bundle == null) {
            g.writeNullField("taskCount");
        } else {
            g.writeNumberField("taskCount", bundle.tasks().size());
        }
        if (tasks && bundle != null) {
            g.writeArrayFieldStart("tasks");
            for (Task t : bundle.tasks().subList(0, Math.min(MAX_TASKS_SHOWN, bundle.tasks().size()))) {
                g.writeStartObject();
                g.writeNumberField("id", t.id());
                g.writeStringField("line", taskLine(t));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    static String json(Writing w) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
