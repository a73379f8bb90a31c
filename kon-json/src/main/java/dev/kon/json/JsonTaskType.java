package dev.kon.json;

import dev.kon.api.TaskType;

/**
 * A {@link TaskType} whose argument and output are JSON texts of two types (records, usually). The handler on the
 * workers reads and writes them with the same {@link JsonCodec}s.
 *
 * <pre>{@code
 * record Resize(String key, int width) { }
 * record Resized(String key, long bytes) { }
 * TaskType<Resize, Resized> RESIZE = JsonTaskType.of("resize", Resize.class, Resized.class);
 * Resized r = kon.submit(RESIZE, new Resize("in/cat.jpg", 640)).get();
 * }</pre>
 */
public final class JsonTaskType<A, R> implements TaskType<A, R> {
    private final String name;
    private final JsonCodec<A> args;
    private final JsonCodec<R> output;

    private JsonTaskType(String name, JsonCodec<A> args, JsonCodec<R> output) {
        this.name = name;
        this.args = args;
        this.output = output;
    }

    public static <A, R> JsonTaskType<A, R> of(String name, Class<A> argType, Class<R> outputType) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return new JsonTaskType<>(name, JsonCodec.of(argType), JsonCodec.of(outputType));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String encodeArgs(A arg) {
        return args.encode(arg);
    }

    @Override
    public R decodeOutput(String text) {
        return output.decode(text);
    }

    /** The argument's codec, for the handler. */
    public JsonCodec<A> args() {
        return args;
    }

    /** The output's codec, for the handler. */
    public JsonCodec<R> output() {
        return output;
    }
}
