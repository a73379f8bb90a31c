package dev.kon.queue;

import dev.kon.KonException;

/** A queue backend could not be reached or refused a whole call. */
public class QueueException extends KonException {
    private final String queue;

    public QueueException(String queue, String message, Throwable cause) {
        super("queue '" + queue + "': " + message, cause);
        this.queue = queue;
    }

    public String queue() {
        return queue;
    }
}
