package dev.kon.workload;

import dev.kon.KonException;
import java.util.List;

/** A workload that cannot be read or does not parse; {@link #errors()} lists {@code file:line: problem}. */
public class WorkloadException extends KonException {
    private final List<String> errors;

    public WorkloadException(String message, List<String> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
