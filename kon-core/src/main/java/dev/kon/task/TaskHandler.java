package dev.kon.task;

/**
 * Runs the tasks of one type. Implementations are found by {@link #type()} through {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/dev.kon.task.TaskHandler} file), so a new task type is a jar on the class path.
 *
 * <p>Thread-safety: one instance serves every worker thread of a process at once; keep it stateless or guard it.
 *
 * <p>Failure behaviour: return normally for success. Throw {@link PermanentTaskFailure} for a failure that a
 * retry cannot fix (bad arguments, a missing input), {@link RetryLaterException} to ask for another attempt;
 * any other exception is retried under the worker's retry policy and then reported as a failure with its
 * message. Nothing a handler throws stops the worker.
 */
public interface TaskHandler {

    /** The task type this handler runs, as written first on a workload line (lower case, no blanks). */
    String type();

    /**
     * Runs one task.
     *
     * @return the output reported with the success result (may be empty, never null)
     */
    String handle(Task task, TaskContext ctx) throws Exception;

    /**
     * Checks a task's arguments before anything is submitted, so a bad workload line is refused with its line
     * number instead of failing on a worker.
     *
     * @return null when the arguments are fine, otherwise what is wrong with them
     */
    default String validate(String args) {
        return null;
    }

    /** The time limit of a task type that does not state its own: 15 minutes. */
    java.time.Duration DEFAULT_TIME_LIMIT = java.time.Duration.ofMinutes(15);

    /**
     * How long one attempt of a task with these arguments may run before the worker cancels it (its thread is
     * interrupted and {@link TaskContext#isCancelled()} turns true) and reports it failed "timed out after ...". A
     * run may set a limit of its own for all its tasks instead. Default {@link #DEFAULT_TIME_LIMIT}. The same
     * arguments get the same limit: a worker thread asks once for a run of tasks with equal arguments.
     */
    default java.time.Duration timeLimit(String args) {
        return DEFAULT_TIME_LIMIT;
    }
}
