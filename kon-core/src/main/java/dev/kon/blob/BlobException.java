package dev.kon.blob;

import dev.kon.KonException;

/** The blob backend failed. */
public class BlobException extends KonException {
    public BlobException(String message, Throwable cause) {
        super(message, cause);
    }
}
