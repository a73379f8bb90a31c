package dev.kon.task;

import dev.kon.KonException;

/** Thrown by a handler that wants another attempt (a dependency was busy); counts against the retry policy. */
public class RetryLaterException extends KonException {
    public RetryLaterException(String message) {
        super(message);
    }

    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
