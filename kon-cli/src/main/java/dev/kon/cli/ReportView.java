package dev.kon.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kon.client.RunArchive;
import dev.kon.client.RunReport;
import dev.kon.runs.FailedTask;
import dev.kon.task.TaskResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * How {@code kon run}, {@code kon submit}, {@code kon retry} and {@code kon collect} end: the report as text for
 * people (naming the first failed tasks) or as one JSON object for scripts (fields in the README, "Reports"), the
 * run's archive deleted once every result is in, and the exit code.
 */
final class ReportView {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportView() {
    }

    /**
     * Prints the report and answers the exit code.
     *
     * @param log     the response log written, or null
     * @param archive the run's archive in the blob store (cloud runs), or null
     */
    static int print(RunReport report, OutputFormat output, Path log, RunArchive archive) {
        boolean complete = report.stats().distinct() == report.stats().expected();
        if (output == OutputFormat.json) {
            System.out.println(json(report, log));
        } else {
            System.out.print(report.render());
            if (log != null) {
                System.out.println("  log         " + log);
            } else if (report.stats().failed() > report.failures().size()) {
                System.out.println("  (--log FILE keeps every task's result)");
            }
            if (!complete && archive != null) {
                System.out.printf("  not all results arrived; collect the rest with: kon collect %s%n",
                        report.runId());
            }
        }
        if (complete && archive != null) {
            archive.delete();
        }
        return report.allSucceeded() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }

    /** What {@code --detach} prints. */
    static void printDetached(String runId, long tasks, OutputFormat output) {
        if (output == OutputFormat.json) {
            System.out.println(write(g -> {
                g.writeStartObject();
                g.writeStringField("run", runId);
                g.writeStringField("state", "submitted");
                g.writeNumberField("tasks", tasks);
                g.writeEndObject();
            }));
        } else {
            System.out.printf("submitted run %s: %,d tasks; collect with: kon collect %s%n", runId, tasks, runId);
        }
    }

    static String state(RunReport r) {
        if (r.cancelled()) {
            return "cancelled";
        }
        return r.stats().distinct() == r.stats().expected() ? "done" : "incomplete";
    }

    static String json(RunReport r, Path log) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("run", r.runId());
            g.writeStringField("state", state(r));
            g.writeNumberField("tasks", r.stats().expected());
            g.writeNumberField("succeeded", r.stats().succeeded());
            g.writeNumberField("failed", r.stats().failed());
            g.writeNumberField("missing", r.stats().expected() - r.stats().distinct());
            g.writeNumberField("unreadable", r.stats().unreadable());
            g.writeNumberField("duplicates", r.stats().duplicates());
            g.writeNumberField("elapsedSeconds", r.elapsed().toMillis() / 1000.0);
            g.writeNumberField("checkSeconds", r.checkTime().toMillis() / 1000.0);
            g.writeNumberField("throughputPerSecond", Math.round(r.throughput() * 10) / 10.0);
            if (Double.isNaN(r.efficiency())) {
                g.writeNullField("efficiency");
            } else {
                g.writeNumberField("efficiency", Math.round(r.efficiency() * 10_000) / 10_000.0);
            }
            g.writeNumberField("workers", r.workers());
            g.writeArrayFieldStart("failures");
            for (TaskResult f : r.failures()) {
                g.writeStartObject();
                g.writeNumberField("line", f.taskId());
                g.writeStringField("reason", f.output().length() <= FailedTask.MAX_REASON ? f.output()
                        : FailedTask.of(0, "-", "", f.output(), 0, "").reason());
                g.writeStringField("worker", f.worker());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (log == null) {
                g.writeNullField("log");
            } else {
                g.writeStringField("log", log.toString());
            }
            g.writeEndObject();
        });
    }

    interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    static String write(Writing w) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
