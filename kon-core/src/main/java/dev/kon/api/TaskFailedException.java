package dev.kon.api;

import dev.kon.KonException;
import dev.kon.task.UserText;

/**
 * A task that ended in failure on a worker (its handler threw, it timed out, its run was cancelled): what a future
 * of {@link Kon#submit} fails with. The reason is the worker's, in full, in {@link #reason()}; the message shows
 * the start of it.
 */
public final class TaskFailedException extends KonException {
    private final String type;
    private final String reason;
    private final String worker;

    public TaskFailedException(String type, String reason, String worker) {
        super("task failed: " + UserText.excerpt(reason));
        this.type = type;
        this.reason = reason;
        this.worker = worker;
    }

    /** The task's type. */
    public String type() {
        return type;
    }

    /** Why it failed, as the worker reported it. */
    public String reason() {
        return reason;
    }

    /** The worker that reported it ({@code host/pid/thread}). */
    public String worker() {
        return worker;
    }
}
