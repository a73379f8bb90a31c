package dev.kon.client;

import dev.kon.task.TaskResult;
import dev.kon.task.UserText;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a run, as printed at its end.
 *
 * @param runId       the run
 * @param stats       result counts
 * @param elapsed     from the first task read for submission to the last result recorded
 * @param checkTime   reading the workload once beforehand to check every line (not part of {@code elapsed})
 * @param workers     worker threads that served the run, when known (else 0)
 * @param sleepMillis total sleep of the workload when every task is a sleep (else -1)
 * @param cancelled   true when someone cancelled the run
 * @param failures    the first failed tasks by line (at most {@value #FAILURES_SHOWN}); the log has them all
 */
public record RunReport(String runId, CollectStats stats, Duration elapsed, Duration checkTime, int workers,
        long sleepMillis, boolean cancelled, List<TaskResult> failures) {
    /** Failed tasks a report names. */
    public static final int FAILURES_SHOWN = FailureSample.SHOWN;

    public RunReport {
        failures = List.copyOf(failures);
    }

    public RunReport(String runId, CollectStats stats, Duration elapsed, Duration checkTime, int workers,
            long sleepMillis, boolean cancelled) {
        this(runId, stats, elapsed, checkTime, workers, sleepMillis, cancelled, List.of());
    }

    public RunReport(String runId, CollectStats stats, Duration elapsed, Duration checkTime, int workers,
            long sleepMillis) {
        this(runId, stats, elapsed, checkTime, workers, sleepMillis, false);
    }

    /** The same report, of a run someone cancelled ({@code kon cancel}). */
    public RunReport asCancelled() {
        return new RunReport(runId, stats, elapsed, checkTime, workers, sleepMillis, true, failures);
    }

    /** The same report, naming these failed tasks (the first by line). */
    public RunReport withFailures(List<TaskResult> first) {
        return new RunReport(runId, stats, elapsed, checkTime, workers, sleepMillis, cancelled, first);
    }

    public double throughput() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : stats.distinct() / s;
    }

    /**
     * The seed's efficiency: work time per worker over measured time, {@code sleepMillis / (workers x elapsed)};
     * NaN when not every task is a sleep (or all sleep 0) or the worker count is unknown.
     */
    public double efficiency() {
        if (sleepMillis <= 0 || workers <= 0 || elapsed.isZero()) {
            return Double.NaN;
        }
        return sleepMillis / (workers * (elapsed.toNanos() / 1e6));
    }

    public boolean allSucceeded() {
        return !cancelled && stats.failed() == 0 && stats.distinct() == stats.expected();
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "run %s%s%n", runId, cancelled ? " (cancelled)" : ""));
        sb.append(String.format(Locale.ROOT, "  tasks       %,d%n", stats.expected()));
        sb.append(String.format(Locale.ROOT, "  succeeded   %,d%n", stats.succeeded()));
        sb.append(String.format(Locale.ROOT, "  failed      %,d%n", stats.failed()));
        if (stats.distinct() < stats.expected()) {
            sb.append(String.format(Locale.ROOT, "  missing     %,d%n", stats.expected() - stats.distinct()));
        }
        if (stats.unreadable() > 0) {
            sb.append(String.format(Locale.ROOT, "  unreadable  %,d result message(s), kept on the dead-letter queue%n",
                    stats.unreadable()));
        }
        if (stats.duplicates() > 0) {
            sb.append(String.format(Locale.ROOT, "  duplicates  %,d (dropped)%n", stats.duplicates()));
        }
        sb.append(String.format(Locale.ROOT, "  elapsed     %.3f s (submit to last result; checking the file took %.3f s)%n",
                elapsed.toNanos() / 1e9, checkTime.toNanos() / 1e9));
        sb.append(String.format(Locale.ROOT, "  throughput  %,.0f tasks/s%n", throughput()));
        if (!Double.isNaN(efficiency())) {
            sb.append(String.format(Locale.ROOT, "  efficiency  %.2f %% (%d workers)%n", efficiency() * 100, workers));
        }
        if (!failures.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  failed tasks (first %d by line%s):%n", failures.size(),
                    stats.failed() > failures.size() ? String.format(Locale.ROOT, " of %,d; the log has them all",
                            stats.failed()) : ""));
            for (TaskResult f : failures) {
                sb.append(String.format(Locale.ROOT, "    line %-8d %s%n", f.taskId(), oneLine(f.output())));
            }
        }
        return sb.toString();
    }

    /** A reason on one line, cut to what a person reads in a report. */
    static String oneLine(String reason) {
        return UserText.excerpt(reason.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ').strip());
    }
}
