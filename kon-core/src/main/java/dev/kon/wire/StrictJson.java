package dev.kon.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

/**
 * JSON read with Kon's limits, for text that comes from another machine or a user: message bodies
 * ({@link WireCodec}) and task outputs that handlers parse. One shared jackson-core factory, thread-safe; each
 * parser it makes is for one thread.
 *
 * <p>Limits: {@value #MAX_DEPTH} levels of nesting (Kon's bodies have three), strings of
 * {@value #MAX_STRING_CHARS} characters, numbers of {@value #MAX_NUMBER_CHARS}, field names of
 * {@value #MAX_NAME_CHARS}, texts of {@value #MAX_TEXT_CHARS}; a field named twice in one object is an error.
 * Over a limit the parser throws, never recurses: depth is a counter, not the call stack.
 */
public final class StrictJson {
    /** Levels of objects and arrays; Kon's bodies use three, a newer writer's extra fields get some room. */
    public static final int MAX_DEPTH = 32;
    /**
     * Characters in one string: far above a workload line ({@code WorkloadFile.MAX_LINE_CHARS}, 8 MiB) and any
     * output Kon's handlers write; a body this large travels through the blob store, not the queue.
     */
    public static final int MAX_STRING_CHARS = 32 * 1024 * 1024;
    /** Characters of one number: a long has at most 20; room for a newer writer's decimals. */
    public static final int MAX_NUMBER_CHARS = 100;
    /** Characters of a field name: Kon's have at most seven. */
    public static final int MAX_NAME_CHARS = 1_000;
    /** Characters in one text: a string at the limit with every character escaped (6 each), and room. */
    public static final int MAX_TEXT_CHARS = 6 * MAX_STRING_CHARS + 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxNameLength(MAX_NAME_CHARS)
                    .maxDocumentLength(MAX_TEXT_CHARS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }

    /** A parser over {@code text}; close it when done (it returns its buffers to the factory's pool). */
    public static JsonParser parser(String text) throws IOException {
        return FACTORY.createParser(text);
    }

    /**
     * A short reason for a parser's exception over {@code text}, with the offset ("bad escape '\q' at offset
     * 16"); it quotes at most a character of the text, or a field name cut to 200 characters.
     */
    public static String problem(IOException e, String text) {
        return ParseFailures.of(e, text, (char) 0).getMessage();
    }
}
