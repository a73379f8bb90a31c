package dev.kon.apps.stats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kon.wire.StrictJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and reads one-level JSON objects whose values are strings, integers, booleans or null: all that the
 * CloudCal answer and log need. Writing is a few lines by hand (it also escapes U+2028 and U+2029); reading is
 * jackson-core's streaming parser with Kon's limits.
 *
 * <p>Reading keeps every value as its text (a JSON string unescaped, anything else as written), so numbers lose
 * nothing. Nested objects and arrays are refused.
 */
final class FlatJson {
    private FlatJson() {
    }

    /** One line of JSON; a {@link String} value is quoted and escaped, any other value written as it prints. */
    static String write(Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, e.getKey()).append(':');
            Object v = e.getValue();
            if (v instanceof String s) {
                quote(sb, s);
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /**
     * Reads one flat object, with the parser and limits Kon reads message bodies with ({@link StrictJson}): a key
     * named twice is refused, and so is anything nested.
     *
     * @throws IllegalArgumentException naming the character position of the first thing that is not flat JSON
     */
    static Map<String, String> read(String text) {
        int first = 0;
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first == text.length() || text.charAt(first) != '{') {
            throw error(first, "expected '{'");
        }
        try (JsonParser p = StrictJson.parser(text)) {
            p.nextToken();
            Map<String, String> fields = new LinkedHashMap<>();
            // Inside an object the parser gives a field name or the closing brace, or throws.
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (p.nextToken().isStructStart()) {
                    throw error(p.currentTokenLocation().getCharOffset(), "nested values are not supported");
                }
                fields.put(key, p.getText());
            }
            for (long i = p.currentLocation().getCharOffset(); i < text.length(); i++) {
                if (!Character.isWhitespace(text.charAt((int) i))) {
                    throw error(i, "unexpected text after the object");
                }
            }
            return fields;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON: " + StrictJson.problem(e, text), e);
        }
    }

    private static IllegalArgumentException error(long offset, String what) {
        return new IllegalArgumentException("malformed JSON at character " + (offset + 1) + ": " + what);
    }
}
