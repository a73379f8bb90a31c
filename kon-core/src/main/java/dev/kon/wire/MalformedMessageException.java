package dev.kon.wire;

import dev.kon.KonException;

/** A message body that is not a Kon message of a known version; such messages go to the dead-letter queue. */
public class MalformedMessageException extends KonException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
