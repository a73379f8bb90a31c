package dev.kon.client;

import dev.kon.task.TaskResult;

/**
 * Hears each task's result once, the first time it arrives (duplicates are dropped before). Called from the
 * collector's receiving threads one at a time, never concurrently.
 */
@FunctionalInterface
public interface ResultSink {
    void accept(TaskResult result);
}
