package dev.kon.runs;

import java.util.Objects;

/**
 * One failed task of a run, as the run registry keeps it for {@code kon failures} and {@code kon retry}.
 *
 * @param line     the task's id: its line in the workload file for file workloads
 * @param type     the task type
 * @param args     the task's arguments, at most {@value #MAX_ARGS} characters
 * @param argsCut  true when {@code args} was longer and is cut: the task cannot be retried from this record
 * @param reason   why it failed, at most {@value #MAX_REASON} characters
 * @param attempts how many times its bundle was claimed by a worker, the failing claim included (a worker may
 *                 also have tried it several times within one claim; the reason says so)
 * @param worker   the worker that reported the failure
 */
public record FailedTask(long line, String type, String args, boolean argsCut, String reason, long attempts,
        String worker) {
    /** Most characters of arguments kept; longer ones are cut and flagged. */
    public static final int MAX_ARGS = 2_000;
    /** Most characters of a reason kept. */
    public static final int MAX_REASON = 500;

    public FailedTask {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(worker, "worker");
        if (args.length() > MAX_ARGS || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("args and reason must be at most " + MAX_ARGS + " and " + MAX_REASON
                    + " characters (use FailedTask.of), were " + args.length() + " and " + reason.length());
        }
    }

    /** A failure with its arguments and reason cut to their bounds. */
    public static FailedTask of(long line, String type, String args, String reason, long attempts, String worker) {
        boolean cut = args.length() > MAX_ARGS;
        return new FailedTask(line, type, cut(args, MAX_ARGS), cut, cut(reason, MAX_REASON), attempts, worker);
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        // never split a surrogate pair
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
