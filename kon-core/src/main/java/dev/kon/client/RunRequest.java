package dev.kon.client;

import dev.kon.task.Task;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A run to submit and collect.
 *
 * @param taskQueue   the queue workers take tasks from
 * @param tasks       opens the tasks (read once, lazily)
 * @param taskCount   how many tasks {@code tasks} yields (known from the check pass)
 * @param sleepMillis total sleep when every task is a sleep, else -1 (for the efficiency figure)
 * @param workers     worker threads serving the run, when known (else 0)
 * @param bundleSize  tasks per message; 0 picks {@link RunSpec#autoBundleSize}
 * @param checkTime   how long checking the workload took, for the report
 * @param timeout     give up waiting for results after this long; zero waits forever
 */
public record RunRequest(String taskQueue, Supplier<Iterator<Task>> tasks, long taskCount, long sleepMillis,
        int workers, int bundleSize, Duration checkTime, Duration timeout) {
    /** Upper bound of automatic bundle sizes. */
    public static final int AUTO_BUNDLE_MAX = 256;

    public RunRequest {
        Objects.requireNonNull(taskQueue, "taskQueue");
        Objects.requireNonNull(tasks, "tasks");
        if (taskCount < 0) {
            throw new IllegalArgumentException("taskCount must be >= 0, was " + taskCount);
        }
        if (bundleSize < 0 || bundleSize > RunSpec.MAX_BUNDLE) {
            throw new IllegalArgumentException("bundleSize must be 0 (auto) or 1.." + RunSpec.MAX_BUNDLE
                    + " tasks, was " + bundleSize);
        }
        Objects.requireNonNull(checkTime, "checkTime");
        Objects.requireNonNull(timeout, "timeout");
    }

    public int effectiveBundleSize() {
        return bundleSize > 0 ? bundleSize : RunSpec.autoBundleSize(taskCount, AUTO_BUNDLE_MAX);
    }
}
