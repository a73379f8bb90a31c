package dev.kon.client;

import dev.kon.runs.RunOrigin;
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
 * @param timeLimit   the time limit of one attempt of each task, or null for each task type's own
 * @param workload    what the run is, for the run registry (a file name); null for none
 * @param origin      the run it retries and the workload's fingerprint, for the run registry; the client fills in
 *                    the packing
 */
public record RunRequest(String taskQueue, Supplier<Iterator<Task>> tasks, long taskCount, long sleepMillis,
        int workers, int bundleSize, Duration checkTime, Duration timeout, Duration timeLimit, String workload,
        RunOrigin origin) {
    /** Upper bound of automatic bundle sizes when the tasks' run time is unknown. */
    public static final int AUTO_BUNDLE_MAX = 256;
    /**
     * When the tasks' run time is known (a sleep workload), automatic bundles hold at least this much work, so a
     * remote worker's round trips per bundle stay small beside the work.
     */
    public static final long MIN_BUNDLE_WORK_MILLIS = 100;
    /**
     * ... and up to this much, as long as each worker still gets {@value #MIN_BUNDLES_PER_WORKER} bundles: fewer,
     * larger bundles mean fewer queue and ledger calls per task, which is what a loaded cloud (or one machine
     * serving it) runs short of.
     */
    public static final long TARGET_BUNDLE_WORK_MILLIS = 500;
    /**
     * Bundles each worker should get at least (when the work is known), so that the last bundles, which decide
     * when the run ends, are a small share of a worker's work.
     */
    public static final int MIN_BUNDLES_PER_WORKER = 10;

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
        Objects.requireNonNull(origin, "origin");
        if (timeLimit != null && (timeLimit.compareTo(Duration.ofMillis(1)) < 0
                || timeLimit.compareTo(dev.kon.wire.TaskBundle.MAX_TIME_LIMIT) > 0)) {
            throw new IllegalArgumentException("timeLimit must be 1ms.."
                    + dev.kon.wire.TaskBundle.MAX_TIME_LIMIT.toDays() + "d, was " + timeLimit);
        }
    }

    /** A run whose tasks run under their task types' own time limits. */
    public RunRequest(String taskQueue, Supplier<Iterator<Task>> tasks, long taskCount, long sleepMillis,
            int workers, int bundleSize, Duration checkTime, Duration timeout) {
        this(taskQueue, tasks, taskCount, sleepMillis, workers, bundleSize, checkTime, timeout, null, null);
    }

    /** A run with nothing known of its origin. */
    public RunRequest(String taskQueue, Supplier<Iterator<Task>> tasks, long taskCount, long sleepMillis,
            int workers, int bundleSize, Duration checkTime, Duration timeout, Duration timeLimit, String workload) {
        this(taskQueue, tasks, taskCount, sleepMillis, workers, bundleSize, checkTime, timeout, timeLimit, workload,
                RunOrigin.NONE);
    }

    public RunRequest withTimeLimit(Duration limit) {
        return new RunRequest(taskQueue, tasks, taskCount, sleepMillis, workers, bundleSize, checkTime, timeout,
                limit, workload, origin);
    }

    public RunRequest withWorkload(String name) {
        return new RunRequest(taskQueue, tasks, taskCount, sleepMillis, workers, bundleSize, checkTime, timeout,
                timeLimit, name, origin);
    }

    /** The same request, as a retry of the failed tasks of run {@code runId}. */
    public RunRequest withRetryOf(String runId) {
        return new RunRequest(taskQueue, tasks, taskCount, sleepMillis, workers, bundleSize, checkTime, timeout,
                timeLimit, workload, origin.withRetryOf(runId));
    }

    /** The same request, of the workload file whose fingerprint ({@link dev.kon.workload.WorkloadFingerprint}) is {@code f}. */
    public RunRequest withFingerprint(String f) {
        return new RunRequest(taskQueue, tasks, taskCount, sleepMillis, workers, bundleSize, checkTime, timeout,
                timeLimit, workload, new RunOrigin(origin.retryOf(), f, origin.bundleSize(), origin.timeLimitMs()));
    }

    /** The origin the run's record gets: this request's, with the packing the client uses. */
    public RunOrigin recordedOrigin() {
        return new RunOrigin(origin.retryOf(), origin.fingerprint(), effectiveBundleSize(),
                timeLimit == null ? 0 : timeLimit.toMillis());
    }

    /**
     * The bundle size given, or an automatic one. When nothing is known of the tasks' run time: about a thousand
     * messages for a large run ({@link RunSpec#autoBundleSize}), at most {@value #AUTO_BUNDLE_MAX} tasks. When it is
     * known (a sleep workload), a bundle's work is a tenth of a worker's share ({@value #MIN_BUNDLES_PER_WORKER}
     * bundles each; the whole run is one share when the worker count is unknown), kept within
     * {@value #MIN_BUNDLE_WORK_MILLIS}..{@value #TARGET_BUNDLE_WORK_MILLIS} ms: fifty 10 ms sleeps when each worker
     * has 10 s of them, ten when it has 1 s, one 1 s sleep. When the work is known to be nil (every task a
     * {@code sleep 0}) there is nothing to balance but calls to save: each worker's share in
     * {@value #MIN_BUNDLES_PER_WORKER} bundles, up to {@value RunSpec#MAX_BUNDLE} tasks each. Known work never gets
     * smaller bundles than the count rule.
     */
    public int effectiveBundleSize() {
        if (bundleSize > 0) {
            return bundleSize;
        }
        int byCount = RunSpec.autoBundleSize(taskCount, AUTO_BUNDLE_MAX);
        if (sleepMillis < 0 || taskCount == 0) {
            return byCount;
        }
        long shares = (long) Math.max(1, workers) * MIN_BUNDLES_PER_WORKER;
        long byWork;
        if (sleepMillis == 0) {
            byWork = (taskCount + shares - 1) / shares;
        } else {
            double perTask = (double) sleepMillis / taskCount;
            double share = (double) sleepMillis / shares;
            double work = Math.max(MIN_BUNDLE_WORK_MILLIS, Math.min(TARGET_BUNDLE_WORK_MILLIS, share));
            byWork = (long) Math.min(Long.MAX_VALUE / 2, Math.ceil(work / perTask));
        }
        return (int) Math.min(Math.min(RunSpec.MAX_BUNDLE, taskCount), Math.max(byCount, byWork));
    }
}
