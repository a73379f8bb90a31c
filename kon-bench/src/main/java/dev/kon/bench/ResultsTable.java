package dev.kon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code table.md}: the results as markdown, one table per measurement (throughput; efficiency per sleep length)
 * with the seed's figure in a column beside Kon's and the ratio Kon/seed. A cell that did not get every result is
 * marked with {@code *} and explained under its table. Under each cloud table, what its cells would cost on AWS
 * ({@link UsageTable}). Stateless.
 */
public final class ResultsTable {
    private ResultsTable() {
    }

    public static String render(BenchResults results) {
        BenchPlan plan = results.plan();
        BenchMode mode = plan.mode();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# Kon benchmark: %s, %s mode%s%n%n", plan.kind().label(),
                mode.label(), plan.quick() ? " (quick run)" : ""));
        sb.append("- run: ").append(results.startedAt().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        sb.append("- Kon: ").append(results.setup()).append('\n');
        sb.append("- seed: ").append(SeedFigures.setup(mode)).append(", figures from its report (2016)\n");
        if (plan.kind() == BenchKind.THROUGHPUT) {
            sb.append("- tasks/s = tasks / (first submit to last result received)\n\n");
            throughput(sb, results);
        } else {
            sb.append("- efficiency = (tasks per worker x sleep) / (first submit to last result received)\n\n");
            for (long sleep : plan.sleepLengths()) {
                efficiency(sb, results.withSleep(sleep), mode, sleep);
            }
        }
        return sb.toString();
    }

    public static Path write(BenchResults results, Path file) {
        try {
            return Files.writeString(file, render(results), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void throughput(StringBuilder sb, BenchResults results) {
        BenchMode mode = results.plan().mode();
        long tasks = results.plan().cells().get(0).tasks();
        sb.append(String.format(Locale.ROOT, "## Throughput, %s mode: %,d `sleep 0` tasks (seed: %,d)%n%n",
                mode.label(), tasks, SeedFigures.throughputTasks(mode)));
        sb.append("| workers | tasks | Kon time (s) | Kon tasks/s | seed tasks/s | Kon/seed |\n");
        sb.append("|--:|--:|--:|--:|--:|--:|\n");
        List<String> notes = new ArrayList<>();
        for (CellResult r : results.cells()) {
            sb.append(String.format(Locale.ROOT, "| %d | %,d | %.3f | %,.2f%s | %s | %s |%n", r.cell().workers(),
                    r.cell().tasks(), r.seconds(), r.tasksPerSecond(), mark(r, notes), seed(r.seedValue(), "%,.2f"),
                    ratio(r)));
        }
        notes(sb, notes);
        UsageTable.append(sb, results.cells());
    }

    private static void efficiency(StringBuilder sb, List<CellResult> rows, BenchMode mode, long sleep) {
        if (rows.isEmpty()) {
            return;
        }
        long perWorker = rows.get(0).cell().tasksPerWorker();
        boolean uniform = rows.stream().allMatch(r -> r.cell().tasksPerWorker() == perWorker);
        var seedPerWorker = SeedFigures.tasksPerWorker(sleep);
        sb.append(String.format(Locale.ROOT, "## Efficiency, %s mode: `sleep %d` (%s)%s%n%n", mode.label(), sleep,
                length(sleep), uniform ? String.format(Locale.ROOT, ", %,d tasks per worker", perWorker) : ""));
        sb.append(seedPerWorker.isPresent()
                ? String.format(Locale.ROOT, "Seed: %,d tasks per worker.%n%n", seedPerWorker.getAsInt())
                : "The seed did not measure this length.\n\n");
        sb.append("| workers | tasks | ideal time (s) | Kon time (s) | Kon efficiency | seed efficiency | Kon/seed |")
                .append('\n');
        sb.append("|--:|--:|--:|--:|--:|--:|--:|\n");
        List<String> notes = new ArrayList<>();
        for (CellResult r : rows) {
            Cell c = r.cell();
            sb.append(String.format(Locale.ROOT, "| %d | %,d | %.3f | %.3f | %.2f %%%s | %s | %s |%n", c.workers(),
                    c.tasks(), c.tasksPerWorker() * sleep / 1000.0, r.seconds(), r.efficiencyPercent(),
                    mark(r, notes), seed(r.seedValue(), "%.2f %%"), ratio(r)));
        }
        notes(sb, notes);
        UsageTable.append(sb, rows);
    }

    /** {@code 10 ms}, {@code 1 s}, {@code 1.5 s}. */
    static String length(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
    }

    private static String mark(CellResult r, List<String> notes) {
        if (r.complete()) {
            return "";
        }
        notes.add(String.format(Locale.ROOT, "\\* %d workers: incomplete, %,d of %,d results (%,d failed); the "
                + "figure counts the results received.", r.cell().workers(), r.received(), r.cell().tasks(),
                r.failed()));
        return " \\*";
    }

    private static void notes(StringBuilder sb, List<String> notes) {
        sb.append('\n');
        for (String n : notes) {
            sb.append(n).append("\n\n");
        }
    }

    private static String seed(OptionalDouble v, String format) {
        return v.isPresent() ? String.format(Locale.ROOT, format, v.getAsDouble()) : "";
    }

    private static String ratio(CellResult r) {
        OptionalDouble ratio = r.ratio();
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.2f", ratio.getAsDouble()) : "";
    }
}
