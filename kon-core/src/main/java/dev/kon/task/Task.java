package dev.kon.task;

import java.util.Objects;

/**
 * One unit of work: a task type (which handler runs it) and its arguments, as written on one workload line.
 *
 * @param id   the task's number within its run, unique in the run (the workload line number for file workloads);
 *             results are matched and de-duplicated by it
 * @param type the handler's type name, for example {@code sleep}
 * @param args everything after the type on the line, trimmed; may be empty, never null
 */
public record Task(long id, String type, String args) {
    public Task {
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0, was " + id);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(args, "args");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
    }
}
