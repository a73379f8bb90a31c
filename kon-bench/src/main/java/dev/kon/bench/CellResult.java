package dev.kon.bench;

import dev.kon.client.RunReport;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one cell measured. Immutable.
 *
 * @param cell              the cell
 * @param seconds           first submit to last result received (or to the give-up), in seconds
 * @param tasksPerSecond    results received per second of {@code seconds}
 * @param efficiencyPercent for efficiency cells, (tasks per worker x sleep) / measured time in percent; NaN for
 *                          throughput cells
 * @param received          tasks with a result (each counted once)
 * @param failed            of those, tasks that failed
 * @param usage             what the cell's AWS calls would be billed (cloud mode), or null
 */
public record CellResult(Cell cell, double seconds, double tasksPerSecond, double efficiencyPercent, long received,
        long failed, CellUsage usage) {
    public CellResult {
        Objects.requireNonNull(cell, "cell");
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be >= 0 s, was " + seconds + " s");
        }
    }

    /** Reads a finished run's report; efficiency comes from {@link RunReport#efficiency()}. */
    public static CellResult of(Cell cell, RunReport report) {
        double efficiency = cell.kind() == BenchKind.EFFICIENCY ? report.efficiency() * 100 : Double.NaN;
        return new CellResult(cell, report.elapsed().toNanos() / 1e9, report.throughput(), efficiency,
                report.stats().distinct(), report.stats().failed(), null);
    }

    /** This result with the cell's AWS usage (null: not counted). */
    public CellResult withUsage(CellUsage cellUsage) {
        return new CellResult(cell, seconds, tasksPerSecond, efficiencyPercent, received, failed, cellUsage);
    }

    /** Kon's figure in the seed's unit: tasks/s for throughput, percent for efficiency. */
    public double value() {
        return cell.kind() == BenchKind.THROUGHPUT ? tasksPerSecond : efficiencyPercent;
    }

    /** The seed's figure for the same cell, if it measured it. */
    public OptionalDouble seedValue() {
        return cell.seedValue();
    }

    /** Kon's figure over the seed's; empty when the seed has none. */
    public OptionalDouble ratio() {
        OptionalDouble seed = seedValue();
        return seed.isPresent() && seed.getAsDouble() > 0 ? OptionalDouble.of(value() / seed.getAsDouble())
                : OptionalDouble.empty();
    }

    /** True when every task has a result and none failed: only then is the figure a full measurement. */
    public boolean complete() {
        return received == cell.tasks() && failed == 0;
    }
}
