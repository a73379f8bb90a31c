package dev.kon.bench;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished benchmark: the plan, where it ran, and one result per cell in the plan's order. Immutable.
 *
 * @param plan      what was run
 * @param setup     where it ran (the testbed's description)
 * @param startedAt when the first cell started
 * @param cells     one result per cell that ran (fewer than planned when the run was cut short)
 */
public record BenchResults(BenchPlan plan, String setup, Instant startedAt, List<CellResult> cells) {
    public BenchResults {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(startedAt, "startedAt");
        cells = List.copyOf(cells);
    }

    /** True when every planned cell ran and got all its results. */
    public boolean complete() {
        return cells.size() == plan.cells().size() && cells.stream().allMatch(CellResult::complete);
    }

    /** The results of the cells with this sleep length, in plan order. */
    public List<CellResult> withSleep(long sleepMillis) {
        return cells.stream().filter(c -> c.cell().sleepMillis() == sleepMillis).toList();
    }
}
