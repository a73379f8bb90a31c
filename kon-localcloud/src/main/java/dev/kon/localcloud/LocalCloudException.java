package dev.kon.localcloud;

import dev.kon.KonException;

/** A server of the local cloud could not start (its port is taken, most often) or stop. */
public class LocalCloudException extends KonException {
    public LocalCloudException(String message, Throwable cause) {
        super(message, cause);
    }
}
