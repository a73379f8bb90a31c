package dev.kon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cells of one benchmark run, in the order they run, with the defaults of full (seed-sized) and quick runs.
 * Immutable.
 *
 * <p>Defaults: workers 1, 2, 4, 8, 16. Throughput: {@value #LOCAL_TASKS} tasks local, {@value #CLOUD_TASKS} cloud
 * ({@value #QUICK_LOCAL_TASKS} and {@value #QUICK_CLOUD_TASKS} quick). Efficiency: sleeps 10 ms, 1 s, 10 s with
 * the seed's 1000, 100, 10 tasks per worker (quick: 10 ms and 100 ms, about {@link #QUICK_WORK_PER_WORKER} of
 * sleep per worker each, so 100 and 10 tasks).
 *
 * @param kind  what is measured
 * @param mode  where the workers run
 * @param quick whether this is the short variant (recorded in the results)
 * @param cells at least one
 */
public record BenchPlan(BenchKind kind, BenchMode mode, boolean quick, List<Cell> cells) {
    /** Worker counts of the seed, and the default. */
    public static final List<Integer> DEFAULT_WORKERS = SeedFigures.WORKERS;
    public static final long LOCAL_TASKS = 1_000_000;
    public static final long CLOUD_TASKS = 100_000;
    public static final long QUICK_LOCAL_TASKS = 100_000;
    public static final long QUICK_CLOUD_TASKS = 5_000;
    public static final List<Duration> DEFAULT_SLEEPS = List.of(Duration.ofMillis(10), Duration.ofSeconds(1),
            Duration.ofSeconds(10));
    public static final List<Duration> QUICK_SLEEPS = List.of(Duration.ofMillis(10), Duration.ofMillis(100));
    /** Sleep per worker of an efficiency cell whose length the seed did not measure, in a full run. */
    public static final Duration WORK_PER_WORKER = Duration.ofSeconds(10);
    /** Sleep per worker of an efficiency cell in a quick run. */
    public static final Duration QUICK_WORK_PER_WORKER = Duration.ofSeconds(1);

    public BenchPlan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        cells = List.copyOf(cells);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("cells must not be empty");
        }
        for (Cell c : cells) {
            if (c.kind() != kind || c.mode() != mode) {
                throw new IllegalArgumentException("cells must all be " + kind.label() + " " + mode.label()
                        + ", one was " + c.describe());
            }
        }
    }

    /**
     * One cell per worker count, each with {@code tasks} {@code sleep 0} tasks.
     *
     * @param tasks tasks per cell; 0 picks the default of the mode (and of a quick run)
     */
    public static BenchPlan throughput(BenchMode mode, boolean quick, List<Integer> workers, long tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks must be >= 1 (or 0 for the default), was " + tasks);
        }
        long n = tasks > 0 ? tasks : defaultTasks(mode, quick);
        List<Cell> cells = new ArrayList<>();
        for (int w : checkWorkers(workers)) {
            cells.add(new Cell(BenchKind.THROUGHPUT, mode, w, n, 0));
        }
        return new BenchPlan(BenchKind.THROUGHPUT, mode, quick, cells);
    }

    /**
     * One cell per worker count and sleep length, worker counts outer: in cloud mode the cells of one worker count
     * then share their worker processes, so a run starts each set of workers once, not once per sleep length.
     *
     * @param sleeps    sleep lengths, each a whole number of milliseconds >= 1 ms; empty picks the default
     * @param perWorker tasks per worker; 0 picks the seed's count for lengths it measured (full runs), else
     *                  enough tasks for {@link #WORK_PER_WORKER} (quick: {@link #QUICK_WORK_PER_WORKER}) of sleep
     */
    public static BenchPlan efficiency(BenchMode mode, boolean quick, List<Integer> workers, List<Duration> sleeps,
            int perWorker) {
        if (perWorker < 0) {
            throw new IllegalArgumentException("perWorker must be >= 1 task (or 0 for the default), was " + perWorker);
        }
        List<Duration> lengths = sleeps.isEmpty() ? (quick ? QUICK_SLEEPS : DEFAULT_SLEEPS) : sleeps;
        List<Integer> counts = checkWorkers(workers);
        List<Cell> cells = new ArrayList<>();
        List<Long> millis = lengths.stream().map(BenchPlan::sleepMillis).toList();
        for (int w : counts) {
            for (long ms : millis) {
                long each = perWorker > 0 ? perWorker : defaultPerWorker(ms, quick);
                cells.add(new Cell(BenchKind.EFFICIENCY, mode, w, each * w, ms));
            }
        }
        return new BenchPlan(BenchKind.EFFICIENCY, mode, quick, cells);
    }

    /** Default {@code sleep 0} tasks of a throughput cell. */
    public static long defaultTasks(BenchMode mode, boolean quick) {
        if (mode == BenchMode.LOCAL) {
            return quick ? QUICK_LOCAL_TASKS : LOCAL_TASKS;
        }
        return quick ? QUICK_CLOUD_TASKS : CLOUD_TASKS;
    }

    /** Default tasks per worker of an efficiency cell with this sleep length. */
    public static long defaultPerWorker(long sleepMillis, boolean quick) {
        if (!quick && SeedFigures.tasksPerWorker(sleepMillis).isPresent()) {
            return SeedFigures.tasksPerWorker(sleepMillis).getAsInt();
        }
        Duration work = quick ? QUICK_WORK_PER_WORKER : WORK_PER_WORKER;
        return Math.max(1, (work.toMillis() + sleepMillis - 1) / sleepMillis);
    }

    /** The distinct sleep lengths of the cells, in order of first appearance (the order they were given in). */
    public List<Long> sleepLengths() {
        return cells.stream().map(Cell::sleepMillis).distinct().toList();
    }

    private static long sleepMillis(Duration sleep) {
        if (sleep.isNegative() || sleep.isZero() || sleep.toNanos() % 1_000_000 != 0) {
            double ms = sleep.toNanos() / 1e6;
            throw new IllegalArgumentException("sleep must be a whole number of milliseconds >= 1 ms, was "
                    + (ms == Math.rint(ms) ? Long.toString((long) ms) : Double.toString(ms)) + " ms");
        }
        return sleep.toMillis();
    }

    private static List<Integer> checkWorkers(List<Integer> workers) {
        List<Integer> counts = workers.isEmpty() ? DEFAULT_WORKERS : workers;
        for (int w : counts) {
            if (w < 1 || w > 1024) {
                throw new IllegalArgumentException("workers must each be 1..1024, was " + w);
            }
        }
        if (counts.stream().distinct().count() != counts.size()) {
            throw new IllegalArgumentException("workers must not repeat a count, was " + counts);
        }
        return counts;
    }
}
