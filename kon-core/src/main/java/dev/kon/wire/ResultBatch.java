package dev.kon.wire;

import dev.kon.task.TaskResult;
import java.util.List;
import java.util.Objects;

/** The body of one result-queue message: results of tasks of one run. */
public record ResultBatch(String run, List<TaskResult> results) {
    public ResultBatch {
        Objects.requireNonNull(run, "run");
        results = List.copyOf(results);
    }
}
