package dev.kon.client;

import dev.kon.runs.FailedTask;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What retrying a run's failed tasks runs, for {@code kon retry --failed} and the web's "Retry failed": the kept
 * failed tasks whose arguments were kept whole, with their line numbers, on the first run's task queue and time
 * limit, as a new run that names the first. Immutable.
 *
 * @param first   the run whose failed tasks are retried
 * @param tasks   the tasks to run again, by line
 * @param leftOut the lines left out because their arguments were too long to keep ({@link FailedTask#argsCut})
 * @param kept    how many failed tasks the registry kept for the run (its record may count more)
 */
public record FailedRetry(RunRecord first, List<Task> tasks, List<Long> leftOut, int kept) {
    public FailedRetry {
        Objects.requireNonNull(first, "first");
        tasks = List.copyOf(tasks);
        leftOut = List.copyOf(leftOut);
    }

    /** The retry of {@code first}'s failed tasks, as {@code runs} keeps them. */
    public static FailedRetry of(RunRegistry runs, RunRecord first) {
        List<FailedTask> kept = runs.failures(first.runId(), RunRegistry.MAX_KEPT_FAILURES * 2);
        List<Task> tasks = kept.stream().filter(f -> !f.argsCut()).map(f -> new Task(f.line(), f.type(), f.args()))
                .toList();
        List<Long> cut = kept.stream().filter(FailedTask::argsCut).map(FailedTask::line).toList();
        return new FailedRetry(first, tasks, cut, kept.size());
    }

    /** The new run's request, waiting at most {@code timeout} for results (zero: until all are in). */
    public RunRequest request(Duration timeout) {
        long limit = first.origin().timeLimitMs();
        return new RunRequest(first.taskQueue(), tasks::iterator, tasks.size(), -1, 0, 0, Duration.ZERO, timeout)
                .withTimeLimit(limit == 0 ? null : Duration.ofMillis(limit)).withWorkload(first.workload())
                .withRetryOf(first.runId());
    }

    /** The manifest {@code kon collect} reads for the new run {@code newRunId}. */
    public RunManifest manifest(String newRunId) {
        return new RunManifest(newRunId, first.taskQueue(), RunSpec.REPLY_PREFIX + newRunId, tasks.size(), -1,
                first.workload());
    }
}
