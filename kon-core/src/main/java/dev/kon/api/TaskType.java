package dev.kon.api;

import java.util.function.Function;

/**
 * A task type seen from code: its name and how its argument and output travel as strings. Tasks are strings on
 * the wire (the queue and the worker know nothing else); a {@code TaskType} lets callers submit a value and get a
 * value back. {@link #ofStrings} passes strings through; the {@code kon-json} module offers a JSON one for records.
 *
 * <p>Implementations must be thread-safe and stateless.
 *
 * @param <A> the argument's type
 * @param <R> the output's type
 */
public interface TaskType<A, R> {
    /** The task type's name, as the handler's {@code type()} answers. */
    String name();

    /** The argument as the string the handler reads. */
    String encodeArgs(A arg);

    /**
     * The output of a successful task as a value.
     *
     * @throws RuntimeException when the output cannot be read; the future fails with it
     */
    R decodeOutput(String output);

    /** A type whose argument and output are plain strings. */
    static TaskType<String, String> ofStrings(String name) {
        return of(name, Function.identity(), Function.identity());
    }

    /** A type from two functions. */
    static <A, R> TaskType<A, R> of(String name, Function<A, String> encode, Function<String, R> decode) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(encode, "encode");
        java.util.Objects.requireNonNull(decode, "decode");
        return new TaskType<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String encodeArgs(A arg) {
                return encode.apply(arg);
            }

            @Override
            public R decodeOutput(String output) {
                return decode.apply(output);
            }
        };
    }
}
