package dev.kon.apps.video;

import dev.kon.KonException;
import java.nio.file.Path;

/** A job file or jobs index cannot be used; the message starts with {@code file:line:} (line 0: the whole file). */
public class JobFileException extends KonException {
    private final Path file;
    private final int line;

    public JobFileException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public JobFileException(Path file, int line, String message, Throwable cause) {
        super(file + ":" + line + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the whole file is (missing, unreadable, empty). */
    public int line() {
        return line;
    }
}
