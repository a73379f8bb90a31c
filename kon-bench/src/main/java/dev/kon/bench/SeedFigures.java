package dev.kon.bench;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The seed's published figures (S. Chopra, "CloudKon Clone ... Performance Evaluation", 2016), typed in from its
 * tables so Kon's runs can be printed beside them. Local mode: one t2.micro, worker threads on an in-memory queue.
 * Remote mode: t2.micro instances as workers on SQS, with DynamoDB for duplicates. Efficiency figures are
 * percentages, throughput figures tasks per second.
 *
 * <p>Immutable constants; thread-safe.
 */
public final class SeedFigures {
    /** The worker counts the seed measured, in the order of its tables. */
    public static final List<Integer> WORKERS = List.of(1, 2, 4, 8, 16);
    /** {@code sleep 0} tasks per local throughput run (10^6). */
    public static final long LOCAL_THROUGHPUT_TASKS = 1_000_000;
    /** {@code sleep 0} tasks per remote throughput run (10^4). */
    public static final long REMOTE_THROUGHPUT_TASKS = 10_000;

    private static final double[] LOCAL_THROUGHPUT = {56625.14, 57903.88, 55370.99, 55066.08, 55463.12};
    private static final double[] REMOTE_THROUGHPUT = {13.01, 21.22, 20.87, 20.28, 21.02};
    /** Sleep length in ms to efficiency (%) per worker count. */
    private static final Map<Long, double[]> LOCAL_EFFICIENCY = Map.of(
            10L, new double[] {98.23, 98.23, 98.23, 97.85, 97.66},
            1_000L, new double[] {99.88, 99.88, 99.88, 99.87, 99.87},
            10_000L, new double[] {99.90, 99.90, 99.89, 99.90, 99.90});
    private static final Map<Long, double[]> REMOTE_EFFICIENCY = Map.of(
            10L, new double[] {10.36, 9.99, 5.19, 2.67, 2.32},
            1_000L, new double[] {86.64, 82.95, 89.33, 89.43, 86.16},
            10_000L, new double[] {94.30, 93.76, 92.96, 95.81, 96.50});
    /** Sleep length in ms to tasks per worker of the seed's efficiency workloads (the same in both modes). */
    private static final Map<Long, Integer> TASKS_PER_WORKER = Map.of(10L, 1000, 1_000L, 100, 10_000L, 10);

    private SeedFigures() {
    }

    /** The seed's throughput (tasks/s) at this worker count, if it measured it. */
    public static OptionalDouble throughput(BenchMode mode, int workers) {
        return at(mode == BenchMode.LOCAL ? LOCAL_THROUGHPUT : REMOTE_THROUGHPUT, workers);
    }

    /** The seed's efficiency (%) for this sleep length and worker count, if it measured it. */
    public static OptionalDouble efficiencyPercent(BenchMode mode, long sleepMillis, int workers) {
        double[] row = (mode == BenchMode.LOCAL ? LOCAL_EFFICIENCY : REMOTE_EFFICIENCY).get(sleepMillis);
        return row == null ? OptionalDouble.empty() : at(row, workers);
    }

    /** Tasks per worker of the seed's efficiency workload for this sleep length, if it measured that length. */
    public static OptionalInt tasksPerWorker(long sleepMillis) {
        Integer n = TASKS_PER_WORKER.get(sleepMillis);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** {@code sleep 0} tasks of the seed's throughput runs in this mode. */
    public static long throughputTasks(BenchMode mode) {
        return mode == BenchMode.LOCAL ? LOCAL_THROUGHPUT_TASKS : REMOTE_THROUGHPUT_TASKS;
    }

    /** What the seed ran on, for table and chart legends. */
    public static String setup(BenchMode mode) {
        return mode == BenchMode.LOCAL ? "threads on one EC2 t2.micro, in-memory queue (Python)"
                : "EC2 t2.micro instances on SQS + DynamoDB (Python)";
    }

    private static OptionalDouble at(double[] row, int workers) {
        int i = WORKERS.indexOf(workers);
        return i < 0 ? OptionalDouble.empty() : OptionalDouble.of(row[i]);
    }
}
