package dev.kon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code results.csv}: a header and one row per cell. Columns: {@code kind} (throughput or efficiency),
 * {@code mode} (local or cloud), {@code workers}, {@code tasks}, {@code sleep_ms} (each task's sleep),
 * {@code seconds} (first submit to last result), {@code tasks_per_s}, {@code efficiency} (percent; empty for
 * throughput rows), {@code seed_value} (the seed's figure for the row in the row's unit: tasks/s for throughput,
 * percent for efficiency; empty where the seed did not measure), then, for cloud cells whose AWS calls were counted,
 * billable units per task {@code sqs_units_per_task}, {@code dynamodb_units_per_task}, {@code s3_units_per_task},
 * {@code units_per_task} (their sum) and {@code usd_per_million_tasks} at AWS list prices (empty otherwise).
 * Numbers are plain decimals with a dot, no thousands separators. Stateless.
 */
public final class ResultsCsv {
    public static final String HEADER = "kind,mode,workers,tasks,sleep_ms,seconds,tasks_per_s,efficiency,seed_value,"
            + "sqs_units_per_task,dynamodb_units_per_task,s3_units_per_task,units_per_task,usd_per_million_tasks";

    private ResultsCsv() {
    }

    /** The file's lines, header first. */
    public static List<String> lines(BenchResults results) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (CellResult r : results.cells()) {
            Cell c = r.cell();
            lines.add(String.join(",", c.kind().label(), c.mode().label(), Integer.toString(c.workers()),
                    Long.toString(c.tasks()), Long.toString(c.sleepMillis()), number(r.seconds(), 3),
                    number(r.tasksPerSecond(), 2), number(r.efficiencyPercent(), 2), optional(r.seedValue()),
                    usage(r.usage())));
        }
        return lines;
    }

    public static Path write(BenchResults results, Path file) {
        try {
            return Files.write(file, lines(results), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String usage(CellUsage u) {
        if (u == null) {
            return ",,,,";
        }
        return String.join(",", number(u.perTask(CellUsage.SQS), 6), number(u.perTask(CellUsage.DYNAMODB), 6),
                number(u.perTask(CellUsage.S3), 6), number(u.totalPerTask(), 6), number(u.usdPerMillionTasks(), 6));
    }

    private static String optional(OptionalDouble v) {
        return v.isPresent() ? number(v.getAsDouble(), 2) : "";
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
