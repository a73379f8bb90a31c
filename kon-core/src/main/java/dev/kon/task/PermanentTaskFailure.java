package dev.kon.task;

import dev.kon.KonException;

/** Thrown by a handler for a failure that no retry can fix; the task is reported failed with this message at once. */
public class PermanentTaskFailure extends KonException {
    public PermanentTaskFailure(String message) {
        super(message);
    }

    public PermanentTaskFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
