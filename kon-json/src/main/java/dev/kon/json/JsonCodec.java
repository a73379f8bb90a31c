package dev.kon.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kon.KonException;
import dev.kon.task.UserText;
import java.util.Objects;

/**
 * One type to and from a JSON string, for task arguments and outputs (which are strings on the wire): a record, a
 * list, a string, a number. Thread-safe and immutable; make one per type and keep it.
 *
 * <p>Limits, because a task's text comes from another machine: at most {@value #MAX_CHARS} characters, nesting at
 * most {@value #MAX_DEPTH} deep; unknown properties, a null for a primitive and anything after the value are
 * refused. No polymorphic typing: the JSON never names a class to make. What Jackson cannot map (a class without a
 * creator, an interface) fails at the first encode or decode, not here.
 *
 * @param <T> the type
 */
public final class JsonCodec<T> {
    /** The longest JSON text accepted or written, in characters: 1 MiB; a task body must fit a message anyway. */
    public static final int MAX_CHARS = 1 << 20;
    /** The deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 64;
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_CHARS)
                            .maxStringLength(MAX_CHARS).maxNestingDepth(MAX_DEPTH).build()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonCodec(Class<T> type) {
        this.type = type;
        this.reader = MAPPER.readerFor(type);
        this.writer = MAPPER.writerFor(type);
    }

    public static <T> JsonCodec<T> of(Class<T> type) {
        return new JsonCodec<>(Objects.requireNonNull(type, "type"));
    }

    /**
     * The value as JSON.
     *
     * @throws KonException when Jackson cannot write the type, or the text is over {@value #MAX_CHARS} characters
     */
    public String encode(T value) {
        String json;
        try {
            json = writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new KonException("cannot write a " + type.getSimpleName() + " as JSON: " + e.getOriginalMessage(),
                    e);
        }
        if (json.length() > MAX_CHARS) {
            throw new KonException("a " + type.getSimpleName() + " as JSON is " + json.length()
                    + " characters, more than the " + MAX_CHARS + " allowed");
        }
        return json;
    }

    /**
     * The value a JSON text holds.
     *
     * @throws KonException naming the type and quoting the start of the text when it is not a valid one
     */
    public T decode(String json) {
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_CHARS) {
            throw new KonException("JSON for a " + type.getSimpleName() + " is " + json.length()
                    + " characters, more than the " + MAX_CHARS + " allowed");
        }
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new KonException("not a valid " + type.getSimpleName() + ": " + UserText.excerpt(
                    String.valueOf(e.getOriginalMessage())) + " (in " + UserText.excerpt(json) + ")", e);
        }
    }
}
