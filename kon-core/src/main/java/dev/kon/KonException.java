package dev.kon;

/**
 * The one unchecked root exception of Kon. Subclasses carry the ids involved (file and line, queue name, task id),
 * so a message always names what went wrong and where.
 */
public class KonException extends RuntimeException {
    public KonException(String message) {
        super(message);
    }

    public KonException(String message, Throwable cause) {
        super(message, cause);
    }
}
