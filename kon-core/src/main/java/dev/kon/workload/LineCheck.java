package dev.kon.workload;

import dev.kon.task.SleepHandler;
import dev.kon.task.Task;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.task.UserText;
import java.util.Optional;

/**
 * The check of one workload line, the state a check carries from line to line ({@link WorkloadFile#check}): the
 * tasks found, the sum of their sleeps. A line in the common form ({@link QuickLine}) is checked where it lies in
 * the reader's buffer; a {@code sleep} of a plain number of milliseconds needs no string at all. Any other line,
 * and any line the quick way finds fault with, is checked as a string, which words the error. Not thread-safe.
 */
final class LineCheck {
    /** More digits than this may be over {@link SleepHandler#MAX_MILLIS} or a long: the string way decides. */
    private static final int MAX_QUICK_DIGITS = 15;
    private final TaskHandlers handlers;
    private final QuickLine quick = new QuickLine();
    private static final String NOT_UTF8 = "not UTF-8 text (save the file as UTF-8)";
    private String lastType;
    /** The last type is {@code sleep}, run by the core's own handler. */
    private boolean quickSleep;
    private long tasks;
    private long sleepMillis;
    private boolean allSleep = true;

    LineCheck(TaskHandlers handlers) {
        this.handlers = handlers;
    }

    /** Tasks on the good lines so far. */
    long tasks() {
        return tasks;
    }

    /** The sum of their sleeps when all are sleeps, else -1. */
    long sleepMillis() {
        return allSleep && tasks > 0 ? sleepMillis : -1;
    }

    /** Checks line {@code no}, {@code length} characters of {@code a} from {@code from}: its problem, or null. */
    String check(char[] a, int from, int length, long no) {
        int kind = quick.split(a, from, length);
        if (kind == QuickLine.SKIP) {
            return notUtf8(a, from, length) ? NOT_UTF8 : null;
        }
        if (kind == QuickLine.TASK) {
            handlerOf(quick.type());
            if (quickSleep) {
                long ms = quickMillis(quick.chars(), quick.argsStart(), quick.argsEnd());
                if (ms >= 0) {
                    took(true, ms);
                    return null;
                }
            }
        }
        return checkString(new String(a, from, length), no);
    }

    /** Looks up the handler of {@code type} when the type changes. */
    private void handlerOf(String type) {
        if (type != lastType) {
            lastType = type;
            quickSleep = type.equals("sleep") && handlers.find(type).orElse(null) instanceof SleepHandler;
        }
    }

    /**
     * Bytes that are not UTF-8 decode to U+FFFD (the reader replaces instead of failing), so the error can name its
     * line.
     */
    private static boolean notUtf8(char[] a, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (a[i] == '\uFFFD') {
                return true;
            }
        }
        return false;
    }

    /** A plain number of milliseconds within the limit, or -1 for anything else. */
    private static long quickMillis(char[] a, int from, int to) {
        if (to == from || to - from > MAX_QUICK_DIGITS) {
            return -1;
        }
        long ms = 0;
        for (int i = from; i < to; i++) {
            char c = a[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            ms = ms * 10 + (c - '0');
        }
        return ms <= SleepHandler.MAX_MILLIS ? ms : -1;
    }

    /** The check of a line as a string: the way every line went once, and the one that words the errors. */
    String checkString(String line, long no) {
        if (line.indexOf('\uFFFD') >= 0) {
            return NOT_UTF8;
        }
        Optional<Task> parsed;
        try {
            parsed = WorkloadFile.parse(line, no);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (parsed.isEmpty()) {
            return null;
        }
        Task t = parsed.get();
        String problem = problem(t);
        if (problem != null) {
            return problem;
        }
        boolean sleep = t.type().equals("sleep");
        took(sleep, sleep && allSleep ? SleepHandler.millis(t.args()) : 0);
        return null;
    }

    private void took(boolean sleep, long ms) {
        tasks++;
        if (allSleep && sleep) {
            sleepMillis += ms;
        } else {
            allSleep = false;
        }
    }

    private String problem(Task t) {
        Optional<TaskHandler> h = handlers.find(t.type());
        if (h.isEmpty()) {
            return "unknown task type '" + UserText.excerpt(t.type()) + "' (known: "
                    + String.join(", ", handlers.types()) + ")";
        }
        // A handler's message may quote its arguments whole; a line can hold megabytes.
        String problem = h.get().validate(t.args());
        return problem == null ? null : UserText.excerpt(problem);
    }
}
