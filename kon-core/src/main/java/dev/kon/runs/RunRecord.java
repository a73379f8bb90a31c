package dev.kon.runs;

import java.time.Instant;
import java.util.Objects;

/**
 * What the run registry knows of one run.
 *
 * @param runId        the run's id
 * @param submittedAt  when its client started submitting
 * @param from         the host its client ran on
 * @param workload     the workload's name (a file name), or a short description
 * @param taskQueue    the queue its tasks went to
 * @param tasks        tasks in the run
 * @param sent         tasks on the queue so far
 * @param bundles      bundles (messages) sent so far
 * @param knownWorkMs  the run's work when known (a sleep workload's total sleep), in milliseconds; -1 when not
 * @param state        where the run is
 * @param done         tasks whose bundles completed, successes and failures together
 * @param failed       of those, failures
 * @param lastActivity when the record last changed (a bundle completed, a state changed)
 * @param origin       where its tasks came from (the run it retries, the workload's fingerprint, its packing)
 */
public record RunRecord(String runId, Instant submittedAt, String from, String workload, String taskQueue,
        long tasks, long sent, long bundles, long knownWorkMs, RunState state, long done, long failed,
        Instant lastActivity, RunOrigin origin) {
    public RunRecord {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(taskQueue, "taskQueue");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastActivity, "lastActivity");
        if (tasks < 0 || sent < 0 || bundles < 0 || done < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must be >= 0 (run " + runId + ")");
        }
    }

    /** A record with nothing known of its origin ({@link RunOrigin#NONE}). */
    public RunRecord(String runId, Instant submittedAt, String from, String workload, String taskQueue, long tasks,
            long sent, long bundles, long knownWorkMs, RunState state, long done, long failed, Instant lastActivity) {
        this(runId, submittedAt, from, workload, taskQueue, tasks, sent, bundles, knownWorkMs, state, done, failed,
                lastActivity, RunOrigin.NONE);
    }

    /** The same record with {@code o} as its origin. */
    public RunRecord withOrigin(RunOrigin o) {
        return new RunRecord(runId, submittedAt, from, workload, taskQueue, tasks, sent, bundles, knownWorkMs, state,
                done, failed, lastActivity, o);
    }

    /** A run about to be submitted: nothing sent, nothing done. */
    public static RunRecord submitting(String runId, Instant at, String from, String workload, String taskQueue,
            long tasks, long knownWorkMs) {
        return new RunRecord(runId, at, from, workload, taskQueue, tasks, 0, 0, knownWorkMs, RunState.SUBMITTING,
                0, 0, at);
    }

    /** Tasks that succeeded. */
    public long succeeded() {
        return done - failed;
    }
}
