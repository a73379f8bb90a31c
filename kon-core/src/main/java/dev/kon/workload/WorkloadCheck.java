package dev.kon.workload;

import java.nio.file.Path;
import java.util.List;

/**
 * What a check of a workload file found.
 *
 * @param path        the file
 * @param tasks       tasks on valid lines
 * @param sleepMillis the sum of all sleep durations when every task is a {@code sleep}, else -1 (used for the
 *                    efficiency figure of a run)
 * @param errors      {@code file:line: problem}, at most {@link WorkloadFile#MAX_REPORTED_ERRORS}
 * @param errorCount  all bad lines, reported or not
 */
public record WorkloadCheck(Path path, long tasks, long sleepMillis, List<String> errors, int errorCount) {
    public WorkloadCheck {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errorCount == 0;
    }

    /** Throws a {@link WorkloadException} listing the errors if there are any. */
    public WorkloadCheck orThrow() {
        if (!ok()) {
            String more = errorCount > errors.size() ? " (" + (errorCount - errors.size()) + " more not shown)" : "";
            throw new WorkloadException(path + ": " + errorCount + " bad line" + (errorCount == 1 ? "" : "s")
                    + more + "; nothing was run", errors);
        }
        return this;
    }
}
