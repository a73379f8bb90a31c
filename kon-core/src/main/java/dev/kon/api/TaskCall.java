package dev.kon.api;

import java.util.Objects;

/**
 * One task to submit: its type (which handler runs it) and its arguments, as on a workload line. The run gives it
 * its id. Immutable.
 *
 * @param type the task type, e.g. {@code sleep}; not blank
 * @param args the arguments as one string; may be empty, never null
 */
public record TaskCall(String type, String args) {
    public TaskCall {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(args, "args");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
    }

    public static TaskCall of(String type, String args) {
        return new TaskCall(type, args);
    }

    /** A call of a typed task: the argument encoded by the type's codec. */
    public static <A> TaskCall of(TaskType<A, ?> type, A arg) {
        return new TaskCall(type.name(), type.encodeArgs(arg));
    }
}
