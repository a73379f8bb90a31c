package dev.kon.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.kon.task.UserText;
import java.io.IOException;

/**
 * A strict pull reader over one message body, on jackson-core's streaming parser with {@link StrictJson}'s limits
 * (nesting, lengths, duplicate keys): objects, arrays, strings, integers, booleans and null, never a tree. Every
 * failure is a {@link MalformedMessageException} with a short reason and the offset; no message quotes more than
 * a few characters of the body. One reader per body and thread.
 */
final class BodyReader implements AutoCloseable {
    private final String body;
    private final JsonParser p;

    private BodyReader(String body) throws IOException {
        this.body = body;
        this.p = StrictJson.parser(body);
    }

    /** Reads {@code body} with {@code how}; anything that goes wrong is a {@link MalformedMessageException}. */
    static <T> T read(String body, Reading<T> how) {
        if (body.length() > StrictJson.MAX_TEXT_CHARS) {
            throw new MalformedMessageException("body of " + body.length() + " characters is over the limit of "
                    + StrictJson.MAX_TEXT_CHARS);
        }
        try (BodyReader r = new BodyReader(body)) {
            return how.read(r);
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable body: " + e.getClass().getSimpleName());
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            // The parser's own state errors (a symbol table flooded with colliding names) and a value our records
            // refuse are still a bad message, not a reason for the caller's thread to fail.
            throw new MalformedMessageException("unreadable body: " + e.getClass().getSimpleName() + ": "
                    + UserText.excerpt(String.valueOf(e.getMessage())));
        }
    }

    /** How to read one kind of body. */
    @FunctionalInterface
    interface Reading<T> {
        T read(BodyReader r);
    }

    /** Consumes the '{' that opens an object. */
    void openObject() {
        JsonToken t = next('{');
        if (t != JsonToken.START_OBJECT) {
            throw foundInstead('{', t);
        }
    }

    /** Consumes the '[' that opens an array. */
    void openArray() {
        JsonToken t = next('[');
        if (t != JsonToken.START_ARRAY) {
            throw foundInstead('[', t);
        }
    }

    /** The first field name of an object just opened; Kon's objects are never empty. */
    String firstField() {
        JsonToken t = next('"');
        if (t != JsonToken.FIELD_NAME) {
            throw foundInstead('"', t);
        }
        return name();
    }

    /** The next field name, or null at the '}' that closes the object. */
    String nextField() {
        JsonToken t = next('"');
        if (t == JsonToken.END_OBJECT) {
            return null;
        }
        if (t != JsonToken.FIELD_NAME) {
            throw foundInstead('"', t);
        }
        return name();
    }

    /** True after consuming the '{' of the array's next element, false at the ']' that closes it. */
    boolean nextObjectInArray() {
        JsonToken t = next('{');
        if (t == JsonToken.END_ARRAY) {
            return false;
        }
        if (t != JsonToken.START_OBJECT) {
            throw foundInstead('{', t);
        }
        return true;
    }

    /** What comes next in an array whose elements may be objects or arrays. */
    enum Element { OBJECT, ARRAY, END }

    /** Consumes the '{' or '[' of the array's next element, or the ']' that closes the array. */
    Element nextElement() {
        JsonToken t = next('[');
        if (t == JsonToken.END_ARRAY) {
            return Element.END;
        }
        if (t == JsonToken.START_OBJECT) {
            return Element.OBJECT;
        }
        if (t == JsonToken.START_ARRAY) {
            return Element.ARRAY;
        }
        throw foundInstead('[', t);
    }

    /** A string, or null at the ']' that closes the array being read. */
    String stringOrArrayEnd() {
        JsonToken t = next('"');
        if (t == JsonToken.END_ARRAY) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw foundInstead('"', t);
        }
        try {
            return p.getText();
        } catch (IOException e) {
            throw ParseFailures.of(e, body, '"');
        }
    }

    /** Consumes the ']' that closes the array being read. */
    void closeArray() {
        JsonToken t = next(']');
        if (t != JsonToken.END_ARRAY) {
            throw foundInstead(']', t);
        }
    }

    String string() {
        JsonToken t = next('"');
        if (t != JsonToken.VALUE_STRING) {
            throw foundInstead('"', t);
        }
        try {
            return p.getText();
        } catch (IOException e) {
            throw ParseFailures.of(e, body, '"');
        }
    }

    long integer() {
        JsonToken t = next('0');
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw error("expected an integer, found a fraction", tokenStart());
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw error("expected an integer", tokenStart());
        }
        try {
            return p.getLongValue();
        } catch (InputCoercionException e) {
            throw error("integer out of range", tokenStart());
        } catch (IOException e) {
            throw ParseFailures.of(e, body, '0');
        }
    }

    /** Skips one value of any kind (a field a newer writer added), without recursion. */
    void skipValue() {
        JsonToken t = next((char) 0);
        if (t == null) {
            throw error("unexpected end of body", body.length());
        }
        if (t.isStructStart()) {
            try {
                p.skipChildren();
            } catch (IOException e) {
                throw ParseFailures.of(e, body, (char) 0);
            }
        }
        // A skipped string is never built: the parser skips it, checking its escapes, on the next token.
    }

    /** Checks that nothing but whitespace follows the closed top-level object. */
    void end() {
        int at = (int) p.currentLocation().getCharOffset();
        for (int i = at; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw error("trailing characters after the body", i);
            }
        }
    }

    MalformedMessageException error(String what) {
        return error(what, tokenStart());
    }

    /** The next token; {@code expect} is what it should start with, for messages (0: any value). */
    private JsonToken next(char expect) {
        try {
            return p.nextToken();
        } catch (IOException e) {
            throw ParseFailures.of(e, body, expect);
        }
    }

    private String name() {
        try {
            return p.currentName();
        } catch (IOException e) {
            throw ParseFailures.of(e, body, '"');
        }
    }

    private MalformedMessageException foundInstead(char wanted, JsonToken t) {
        if (t == null) {
            return error("unexpected end of body", body.length());
        }
        int at = tokenStart();
        return error("expected '" + wanted + "' but found '" + body.charAt(at) + "'", at);
    }

    private int tokenStart() {
        return (int) p.currentTokenLocation().getCharOffset();
    }

    private static MalformedMessageException error(String what, long offset) {
        return new MalformedMessageException(what + " at offset " + offset);
    }

    @Override
    public void close() {
        try {
            p.close();
        } catch (IOException ignored) {
            // a parser over a string holds no resource that could fail to close
        }
    }
}
