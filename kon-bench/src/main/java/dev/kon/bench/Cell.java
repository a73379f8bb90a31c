package dev.kon.bench;

import dev.kon.task.Task;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One measurement of a benchmark: a worker count and a workload of identical {@code sleep} tasks. Immutable.
 *
 * @param kind        what is measured
 * @param mode        where the workers run
 * @param workers     workers serving the run (threads in local mode, processes in cloud mode), at least 1
 * @param tasks       tasks in the workload, at least 1; for efficiency a multiple of {@code workers}
 * @param sleepMillis every task's sleep in milliseconds: 0 for throughput, at least 1 for efficiency
 */
public record Cell(BenchKind kind, BenchMode mode, int workers, long tasks, long sleepMillis) {
    public Cell {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1, was " + tasks);
        }
        if (kind == BenchKind.THROUGHPUT && sleepMillis != 0) {
            throw new IllegalArgumentException("sleepMillis must be 0 ms for throughput, was " + sleepMillis + " ms");
        }
        if (kind == BenchKind.EFFICIENCY && sleepMillis < 1) {
            throw new IllegalArgumentException("sleepMillis must be >= 1 ms for efficiency, was " + sleepMillis
                    + " ms");
        }
        if (kind == BenchKind.EFFICIENCY && tasks % workers != 0) {
            throw new IllegalArgumentException("tasks must be a multiple of workers (" + workers
                    + ") for efficiency, was " + tasks);
        }
    }

    /** Tasks each worker gets in an efficiency cell (the workload divided evenly). */
    public long tasksPerWorker() {
        return tasks / workers;
    }

    /** Total sleep of the workload in milliseconds, as {@link dev.kon.client.RunRequest#sleepMillis()} wants. */
    public long totalSleepMillis() {
        return tasks * sleepMillis;
    }

    /** The seed's figure for this cell, in the unit of Kon's (tasks/s or %), if the seed measured it. */
    public OptionalDouble seedValue() {
        return kind == BenchKind.THROUGHPUT ? SeedFigures.throughput(mode, workers)
                : SeedFigures.efficiencyPercent(mode, sleepMillis, workers);
    }

    /** A short description for progress lines: {@code throughput local, 4 workers, 1,000,000 x sleep 0}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s, %d worker%s, %,d x sleep %d ms", kind.label(), mode.label(),
                workers, workers == 1 ? "" : "s", tasks, sleepMillis);
    }

    /** The workload, made on the fly: task ids 1..tasks, as a workload file's line numbers would be. */
    public Iterator<Task> newTasks() {
        String args = Long.toString(sleepMillis);
        return new Iterator<>() {
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= tasks;
            }

            @Override
            public Task next() {
                if (next > tasks) {
                    throw new NoSuchElementException();
                }
                return new Task(next++, "sleep", args);
            }
        };
    }
}
