package dev.kon.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.kon.task.UserText;
import java.io.IOException;

/**
 * Turns the parser's exceptions into Kon's own short reasons ("bad escape '\q' at offset 16"), the same words the
 * codec used before it read with jackson-core, so logs and dead-letter notes stay comparable. The parser's own
 * messages can quote up to 256 characters of the body and name its internals; none is passed on whole.
 */
final class ParseFailures {
    private static final String UNRECOGNIZED_TOKEN = "Unrecognized token '";
    private static final String DUPLICATE_FIELD = "Duplicate field '";

    private ParseFailures() {
    }

    /**
     * @param expect what the token being read should have started with: '{', '[', '"', '0' for an integer, or 0
     *               for a value of any kind
     */
    static MalformedMessageException of(IOException e, String body, char expect) {
        if (!(e instanceof JsonProcessingException jpe)) {
            return new MalformedMessageException("unreadable body: " + e.getClass().getSimpleName());
        }
        String m = String.valueOf(jpe.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            return new MalformedMessageException(overLimit(m));
        }
        if (e instanceof JsonEOFException eof) {
            JsonToken in = eof.getTokenBeingDecoded();
            String what = in != JsonToken.VALUE_STRING && in != JsonToken.FIELD_NAME ? "unexpected end of body"
                    : m.contains("escape") ? "unterminated escape" : "unterminated string";
            return at(what, body.length());
        }
        int at = offset(jpe.getLocation(), body);
        if (e instanceof InputCoercionException) {
            return at("integer out of range", at);
        }
        String found = at < body.length() ? String.valueOf(body.charAt(at)) : "";
        if (m.startsWith(DUPLICATE_FIELD)) {
            String name = m.substring(DUPLICATE_FIELD.length(), Math.max(DUPLICATE_FIELD.length(), m.length() - 1));
            return at("duplicate field '" + UserText.excerpt(name) + "'", at);
        }
        if (m.startsWith("Unrecognized character escape")) {
            return at("bad escape '\\" + found + "'", at);
        }
        if (m.contains("hex-digit for character escape")) {
            int escape = body.lastIndexOf("\\u", at);
            return at(escape >= 0 && escape + 6 > body.length() ? "short \\u escape" : "bad \\u escape", at);
        }
        if (m.startsWith("Illegal unquoted character")) {
            return at("control character in string", at);
        }
        if (m.contains("expecting a colon")) {
            return at("expected ':' but found '" + found + "'", at);
        }
        if (m.contains("double-quote to start field name")) {
            return at("expected '\"' but found '" + found + "'", at);
        }
        if (m.contains("comma to separate Array")) {
            return at("expected ',' or ']' but found '" + found + "'", at);
        }
        if (m.contains("comma to separate Object")) {
            return at("expected ',' or '}' but found '" + found + "'", at);
        }
        if (m.startsWith(UNRECOGNIZED_TOKEN)) {
            int start = at;
            while (start > 0 && start <= body.length() && Character.isJavaIdentifierPart(body.charAt(start - 1))) {
                start--;
            }
            return notAValue(expect, body, Math.min(start, body.length()));
        }
        if (m.contains("expected a valid value") || m.startsWith("Unexpected close marker")) {
            return notAValue(expect, body, at);
        }
        if (m.contains("numeric value")) {
            return at("bad number", at);
        }
        return at("broken JSON (" + UserText.excerpt(m) + ")", at);
    }

    /** A token that is no JSON value, or not the one wanted, starting at {@code start}. */
    private static MalformedMessageException notAValue(char expect, String body, int start) {
        if (start >= body.length()) {
            return at("unexpected end of body", body.length());
        }
        char c = body.charAt(start);
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(body.charAt(before))) {
            before--;
        }
        if (before >= 0 && body.charAt(before) == ':') {
            // The parser reads a value together with its field name, before anyone asked for a particular kind.
            expect = 0;
        }
        if (expect == '0') {
            return at("expected an integer", start);
        }
        if (expect != 0) {
            return at("expected '" + expect + "' but found '" + c + "'", start);
        }
        return switch (c) {
            case 't' -> at("expected true", start);
            case 'f' -> at("expected false", start);
            case 'n' -> at("expected null", start);
            default -> at("unexpected '" + c + "'", start);
        };
    }

    private static String overLimit(String m) {
        if (m.startsWith("Document nesting depth")) {
            return "nested deeper than " + StrictJson.MAX_DEPTH + " levels";
        }
        if (m.startsWith("String value length")) {
            return "a string longer than " + StrictJson.MAX_STRING_CHARS + " characters";
        }
        if (m.startsWith("Number value length")) {
            return "a number longer than " + StrictJson.MAX_NUMBER_CHARS + " characters";
        }
        if (m.startsWith("Name length")) {
            return "a field name longer than " + StrictJson.MAX_NAME_CHARS + " characters";
        }
        if (m.startsWith("Document length")) {
            return "a body longer than " + StrictJson.MAX_TEXT_CHARS + " characters";
        }
        return "over a limit: " + UserText.excerpt(m);
    }

    private static int offset(JsonLocation loc, String body) {
        long at = loc == null ? -1 : loc.getCharOffset();
        return at < 0 ? body.length() : (int) Math.min(at, body.length());
    }

    private static MalformedMessageException at(String what, long offset) {
        return new MalformedMessageException(what + " at offset " + offset);
    }
}
