package dev.kon.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes one JSON document to a string with jackson's generator, which escapes every string it is given. */
public final class JsonDocument {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonDocument() {
    }

    /** What writes the document's one value. */
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** The document {@code body} writes. */
    public static String of(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes {@code value} as a string field, or null. */
    static void stringOrNull(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }
}
