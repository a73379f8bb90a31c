package dev.kon.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Runs a {@link BenchPlan} cell by cell on a {@link Testbed}, printing a line as each cell starts and ends, then
 * writes {@code table.md}, {@code results.csv} and the chart into the output folder and prints the table.
 *
 * <p>A cell that times out is reported with the results it got (and marked incomplete); the next cell still runs.
 * A failing backend ends the run: the cells measured so far are written before the exception propagates.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class BenchHarness {
    /** Where results go when no folder is given: {@code bench-results/<timestamp>/} under the working folder. */
    public static final Path DEFAULT_ROOT = Path.of("bench-results");
    /** Fixed slack of a cell's automatic timeout, on top of three times its ideal time. */
    public static final Duration TIMEOUT_SLACK = Duration.ofMinutes(10);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private final Testbed testbed;
    private final PrintStream out;
    private final Duration cellTimeout;

    /**
     * @param cellTimeout give up on a cell's results after this long; zero picks {@link #defaultTimeout}
     */
    public BenchHarness(Testbed testbed, PrintStream out, Duration cellTimeout) {
        this.testbed = Objects.requireNonNull(testbed, "testbed");
        this.out = Objects.requireNonNull(out, "out");
        if (cellTimeout.isNegative()) {
            throw new IllegalArgumentException("cellTimeout must be >= 0s (0 = automatic), was "
                    + cellTimeout.toSeconds() + "s");
        }
        this.cellTimeout = cellTimeout;
    }

    /** A fresh {@code bench-results/<yyyyMMdd-HHmmss>} folder name under {@link #DEFAULT_ROOT}. */
    public static Path defaultOutDir() {
        return DEFAULT_ROOT.resolve(LocalDateTime.now().format(STAMP));
    }

    /** Three times the cell's ideal time (tasks per worker x sleep) plus {@link #TIMEOUT_SLACK}. */
    public static Duration defaultTimeout(Cell cell) {
        return TIMEOUT_SLACK.plusMillis(3 * cell.tasksPerWorker() * cell.sleepMillis());
    }

    /** Runs every cell of {@code plan}, writes the results into {@code outDir} (created if missing). */
    public BenchResults run(BenchPlan plan, Path outDir) throws InterruptedException {
        createDirectories(outDir);
        Instant started = Instant.now();
        List<CellResult> done = new ArrayList<>();
        try {
            if (plan.mode() == BenchMode.LOCAL) {
                out.println("warm-up: an untimed run first, so the first cell does not pay for JIT compilation");
                testbed.warmUp();
            }
            int n = plan.cells().size();
            for (int i = 0; i < n; i++) {
                Cell cell = plan.cells().get(i);
                String tag = String.format(Locale.ROOT, "[%d/%d]", i + 1, n);
                out.printf(Locale.ROOT, "%s start %s%n", tag, cell.describe());
                out.flush();
                Duration timeout = cellTimeout.isZero() ? defaultTimeout(cell) : cellTimeout;
                CellResult r = CellResult.of(cell, testbed.run(cell, timeout))
                        .withUsage(testbed.lastCellUsage().orElse(null));
                done.add(r);
                out.printf(Locale.ROOT, "%s end   %s%n", tag, summary(r));
                if (cell.kind() == BenchKind.EFFICIENCY) {
                    testbed.lastCellTimes().ifPresent(t -> out.printf(Locale.ROOT, "%s where %s%n", tag, t));
                }
                out.flush();
            }
        } catch (InterruptedException | RuntimeException e) {
            if (!done.isEmpty()) {
                try {
                    write(new BenchResults(plan, testbed.describe(), started, done), outDir, false);
                } catch (RuntimeException writing) {
                    e.addSuppressed(writing);
                }
            }
            throw e;
        }
        BenchResults results = new BenchResults(plan, testbed.describe(), started, done);
        write(results, outDir, true);
        return results;
    }

    private void write(BenchResults results, Path outDir, boolean finished) {
        Path table = ResultsTable.write(results, outDir.resolve("table.md"));
        Path csv = ResultsCsv.write(results, outDir.resolve("results.csv"));
        Path chart = BenchCharts.write(results, outDir);
        if (finished) {
            out.println();
            out.print(ResultsTable.render(results));
        } else {
            out.println("run cut short; the cells measured so far are written");
        }
        out.println("results: " + table + ", " + csv + ", " + chart);
        out.flush();
    }

    /** {@code 1.234 s, 81,037 tasks/s (seed 56,625.14, Kon/seed 1.43)}. */
    static String summary(CellResult r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.3f s, %,.0f tasks/s", r.seconds(),
                r.tasksPerSecond()));
        boolean efficiency = r.cell().kind() == BenchKind.EFFICIENCY;
        if (efficiency) {
            sb.append(String.format(Locale.ROOT, ", efficiency %.2f %%", r.efficiencyPercent()));
        }
        OptionalDouble seed = r.seedValue();
        if (seed.isPresent()) {
            sb.append(String.format(Locale.ROOT, efficiency ? " (seed %.2f %%, Kon/seed %.2f)"
                    : " (seed %,.2f tasks/s, Kon/seed %.2f)", seed.getAsDouble(), r.ratio().orElse(Double.NaN)));
        }
        if (r.usage() != null) {
            sb.append("; ").append(r.usage().summary());
        }
        if (!r.complete()) {
            sb.append(String.format(Locale.ROOT, " INCOMPLETE: %,d of %,d results, %,d failed", r.received(),
                    r.cell().tasks(), r.failed()));
        }
        return sb.toString();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
