package dev.kon.wire;

import dev.kon.fixture.Draw;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of message bodies that are valid JSON, or nearly, but hostile: a value put into one slot of a
 * bundle, result batch or pointer (a known field, an unknown one, a task's field, the root) is nested deep, a
 * huge number, a long string, a broken escape or of the wrong type; or a known field appears twice.
 */
final class HostileBodies {
    private static final String SLOT = "\u00a7";
    private static final List<String> TEMPLATES = templates();
    private static final List<String> BAD_PIECES = List.of("\\u", "\\u1", "\\u12", "\\u123", "\\ud800",
            "\\udc00", "\\ud800\\u0041", "\\x", "\\", "\\U0041", "\\u+041", "\\u-041", "\ud800", "\udfff",
            "\u0000", "\t", "\n", "\u007f", "\\/", "\\b");
    private static final List<String> FIELDS = List.of("v", "run", "bundle", "reply", "limitMs", "tasks", "results",
            "blob", "id", "type", "args", "status", "output", "worker", "startMs", "endMs");
    private static final List<String> VALUES = List.of("1", "\"s\"", "[]", "[{\"id\":2,\"type\":\"t\"}]", "null");

    private HostileBodies() {
    }

    private static List<String> templates() {
        String bundle = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"limitMs\":5,\"tasks\":[{\"id\":1,"
                + "\"type\":\"t\",\"args\":\"a\"}]}";
        String results = "{\"v\":1,\"run\":\"r\",\"results\":[{\"id\":1,\"status\":0,\"output\":\"o\",\"worker\":\"w\","
                + "\"startMs\":1,\"endMs\":2}]}";
        List<String> out = new ArrayList<>();
        out.add(SLOT);
        out.add("{\"v\":1,\"blob\":" + SLOT + "}");
        for (String body : List.of(bundle, results)) {
            // Each value after a colon, in turn, becomes the slot; and an unknown field at each level.
            for (int i = body.indexOf(':'); i >= 0; i = body.indexOf(':', i + 1)) {
                int end = valueEnd(body, i + 1);
                out.add(body.substring(0, i + 1) + SLOT + body.substring(end));
            }
            out.add(body.substring(0, body.length() - 1) + ",\"x\":" + SLOT + "}");
            int task = body.indexOf("\"id\"");
            out.add(body.substring(0, task) + "\"x\":" + SLOT + "," + body.substring(task));
        }
        return List.copyOf(out);
    }

    /** The end of the value starting at {@code from}, in a template (no commas or brackets inside strings). */
    private static int valueEnd(String body, int from) {
        int depth = 0;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return body.length();
    }

    /** One of the generators below, each as likely. */
    static String any(Draw d) {
        return switch (d.between(0, 5)) {
            case 0 -> deepNesting(d);
            case 1 -> hugeNumber(d);
            case 2 -> longString(d);
            case 3 -> badEscape(d);
            case 4 -> duplicateKey(d);
            default -> wrongType(d);
        };
    }

    private static String inSlot(Draw d, String value) {
        return d.oneOf(TEMPLATES).replace(SLOT, value);
    }

    /** Arrays, objects or both, nested 1 to 150,000 deep (often around the reader's limit of 32), closed or not. */
    static String deepNesting(Draw d) {
        int depth = d.between(0, 3) == 0 ? d.oneOf(31, 32, 33, 100_000) : d.mostlySmall(1, 150_000);
        String open = d.oneOf("[", "{\"a\":", "[{\"a\":");
        String close = open.equals("[") ? "]" : open.equals("{\"a\":") ? "}" : "}]";
        String inner = open.equals("[") ? "" : "1";
        return inSlot(d, open.repeat(depth) + inner + (d.coin() ? close.repeat(depth) : ""));
    }

    /** Up to 100,000 digits, with a sign, a fraction or an exponent, or a broken tail. */
    static String hugeNumber(Draw d) {
        String number = d.oneOf("", "-", "+", "0") + "9".repeat(d.mostlySmall(1, 100_000))
                + d.oneOf("", ".5", "e999999999", "E-7", ".");
        return inSlot(d, number);
    }

    /** A string of up to 200,000 characters (plain, escaped, non-ASCII or pairs), or a field name of 100,000. */
    static String longString(Draw d) {
        if (d.coin()) {
            return inSlot(d, "{\"" + "k".repeat(d.mostlySmall(1, 100_000)) + "\":1}");
        }
        String piece = d.oneOf("a", "\\\"", "\\u00e9", "\u00e9", "\ud83d\ude00", "\\n");
        return inSlot(d, "\"" + piece.repeat(d.mostlySmall(0, 200_000) / piece.length()) + "\"");
    }

    /** Escapes cut short or unknown, lone surrogates (escaped or raw), raw controls: in a value or a field name. */
    static String badEscape(Draw d) {
        List<String> pieces = d.list(1, 5, x -> x.oneOf(BAD_PIECES));
        return inSlot(d, d.coin() ? "\"" + String.join("a", pieces) + "\"" : "{\"" + pieces.get(0) + "\":1}");
    }

    /** A value of another type than its slot wants, or out of a long's range, or nothing at all. */
    static String wrongType(Draw d) {
        return inSlot(d, d.oneOf("1", "-1", "0", "1.5", "-0", "1e2", "\"\"", "\"1\"", "true", "false", "null", "[]",
                "{}", "[1,2]", "{\"a\":1}", "[{}]", "[\"s\"]", "[null]", "[[]]", "9223372036854775808",
                "-9223372036854775809", "18446744073709551616", "", " ", ","));
    }

    /** A field named twice: in a value put into a slot, or a known field again before a closing brace. */
    static String duplicateKey(Draw d) {
        String field = d.oneOf(FIELDS);
        if (d.coin()) {
            return inSlot(d, "{\"" + field + "\":" + d.oneOf(VALUES) + ",\"" + field + "\":" + d.oneOf(VALUES) + "}");
        }
        String body = inSlot(d, "1");
        int close = body.indexOf('}', (int) (d.fraction() * body.length()));
        int at = close < 0 ? body.lastIndexOf('}') : close;
        return at < 0 ? body : body.substring(0, at) + ",\"" + field + "\":" + d.oneOf(VALUES) + body.substring(at);
    }
}
