package dev.kon.runs;

import java.util.Objects;

/**
 * Where a run's tasks came from, so the run can be retried or resumed later by another client.
 *
 * @param retryOf     the run this one retries the failed tasks of, or empty
 * @param fingerprint the workload file's fingerprint ({@code sha256:HEX size:BYTES}), or empty when the tasks did
 *                    not come from a file; {@code kon submit --resume} refuses any other file
 * @param bundleSize  tasks per bundle; a resumed submission packs the same bundles again, so the same bundle ids
 * @param timeLimitMs the run's time limit of one attempt of a task in milliseconds, or 0 for each type's own
 */
public record RunOrigin(String retryOf, String fingerprint, int bundleSize, long timeLimitMs) {
    /** Nothing known: tasks from no file, no retry. */
    public static final RunOrigin NONE = new RunOrigin("", "", 0, 0);

    public RunOrigin {
        Objects.requireNonNull(retryOf, "retryOf");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (bundleSize < 0 || timeLimitMs < 0) {
            throw new IllegalArgumentException("bundleSize and timeLimitMs must be >= 0, were " + bundleSize + " and "
                    + timeLimitMs);
        }
    }

    public RunOrigin withRetryOf(String run) {
        return new RunOrigin(run, fingerprint, bundleSize, timeLimitMs);
    }
}
