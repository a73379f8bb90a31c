package dev.kon.api;

import java.time.Duration;

/**
 * How a run of {@link Kon#run} is sent. Immutable; start from {@link #defaults()}.
 *
 * @param bundleSize tasks per message, 1..1000; default {@value #DEFAULT_BUNDLE_SIZE}. Larger bundles cost fewer
 *                   queue and ledger calls per task; smaller ones spread a short run over more workers
 * @param window     most tasks in hand at once: pulled from the source and not yet taken as results; default
 *                   {@value #DEFAULT_WINDOW}. This is what bounds the client's memory
 * @param timeLimit  the time limit of one attempt of each task, or null (default) for each task type's own
 * @param name       what the run is, shown by {@code kon runs}; default {@code "api"}
 */
public record RunOptions(int bundleSize, int window, Duration timeLimit, String name) {
    public static final int DEFAULT_BUNDLE_SIZE = 50;
    public static final int DEFAULT_WINDOW = 20_000;

    public RunOptions {
        if (bundleSize < 1 || bundleSize > dev.kon.client.RunSpec.MAX_BUNDLE) {
            throw new IllegalArgumentException("bundleSize must be 1.." + dev.kon.client.RunSpec.MAX_BUNDLE
                    + " tasks, was " + bundleSize);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1 tasks, was " + window);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
    }

    public static RunOptions defaults() {
        return new RunOptions(DEFAULT_BUNDLE_SIZE, DEFAULT_WINDOW, null, "api");
    }

    public RunOptions withBundleSize(int tasks) {
        return new RunOptions(tasks, window, timeLimit, name);
    }

    public RunOptions withWindow(int tasks) {
        return new RunOptions(bundleSize, tasks, timeLimit, name);
    }

    public RunOptions withTimeLimit(Duration limit) {
        return new RunOptions(bundleSize, window, limit, name);
    }

    public RunOptions withName(String runName) {
        return new RunOptions(bundleSize, window, timeLimit, runName);
    }
}
