package dev.kon.wire;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of message bodies that are valid JSON, or nearly, but hostile: a value put into one slot of a
 * bundle, result batch or pointer (a known field, an unknown one, a task's field, the root) is nested deep, a
 * huge number, a long string, a broken escape or of the wrong type; or a known field appears twice.
 */
final class HostileBodies {
    private static final String SLOT = "\u00a7";
    private static final List<String> TEMPLATES = templates();

    private HostileBodies() {
    }

    private static List<String> templates() {
        String bundle = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"tasks\":[{\"id\":1,\"type\":\"t\","
                + "\"args\":\"a\"}]}";
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

    private static Arbitrary<String> inSlot(Arbitrary<String> values) {
        return Combinators.combine(Arbitraries.of(TEMPLATES), values).as((t, v) -> t.replace(SLOT, v));
    }

    static Arbitrary<String> deepNesting() {
        Arbitrary<Integer> depth = Arbitraries.integers().between(1, 150_000).withDistribution(
                net.jqwik.api.RandomDistribution.biased()).edgeCases(c -> c.add(31, 32, 33, 100_000));
        Arbitrary<String> nested = Combinators.combine(depth, Arbitraries.of("[", "{\"a\":", "[{\"a\":"),
                Arbitraries.of(true, false)).as((d, open, closed) -> {
                    String close = open.equals("[") ? "]" : open.equals("{\"a\":") ? "}" : "}]";
                    String inner = open.equals("[") ? "" : "1";
                    return open.repeat(d) + inner + (closed ? close.repeat(d) : "");
                });
        return inSlot(nested);
    }

    static Arbitrary<String> hugeNumbers() {
        Arbitrary<String> number = Combinators.combine(Arbitraries.of("", "-", "+", "0"),
                Arbitraries.integers().between(1, 100_000), Arbitraries.of("", ".5", "e999999999", "E-7", ".")).as(
                        (sign, digits, tail) -> sign + "9".repeat(digits) + tail);
        return inSlot(number);
    }

    static Arbitrary<String> longStrings() {
        Arbitrary<String> text = Combinators.combine(Arbitraries.integers().between(0, 200_000),
                Arbitraries.of("a", "\\\"", "\\u00e9", "\u00e9", "\ud83d\ude00", "\\n")).as(
                        (n, piece) -> "\"" + piece.repeat(n / piece.length()) + "\"");
        Arbitrary<String> longName = Arbitraries.integers().between(1, 100_000).map(n -> "{\"" + "k".repeat(n)
                + "\":1}");
        return Arbitraries.oneOf(inSlot(text), inSlot(longName));
    }

    static Arbitrary<String> badEscapes() {
        Arbitrary<String> piece = Arbitraries.of("\\u", "\\u1", "\\u12", "\\u123", "\\ud800", "\\udc00",
                "\\ud800\\u0041", "\\x", "\\", "\\U0041", "\\u+041", "\\u-041", "\ud800", "\udfff", "\u0000", "\t",
                "\n", "\u007f", "\\/", "\\b");
        Arbitrary<String> text = piece.list().ofMinSize(1).ofMaxSize(5).map(l -> "\"" + String.join("a", l) + "\"");
        return Arbitraries.oneOf(inSlot(text), inSlot(piece.map(p -> "{\"" + p + "\":1}")));
    }

    static Arbitrary<String> wrongTypes() {
        return inSlot(Arbitraries.of("1", "-1", "0", "1.5", "-0", "1e2", "\"\"", "\"1\"", "true", "false", "null",
                "[]", "{}", "[1,2]", "{\"a\":1}", "[{}]", "[\"s\"]", "[null]", "[[]]", "9223372036854775808",
                "-9223372036854775809", "18446744073709551616", "", " ", ","));
    }

    /** A field named twice: in a value put into a slot, or a known field again before a closing brace. */
    static Arbitrary<String> duplicateKeys() {
        Arbitrary<String> field = Arbitraries.of("v", "run", "bundle", "reply", "tasks", "results", "blob", "id",
                "type", "args", "status", "output", "worker", "startMs", "endMs");
        Arbitrary<String> value = Arbitraries.of("1", "\"s\"", "[]", "[{\"id\":2,\"type\":\"t\"}]", "null");
        Arbitrary<String> nested = Combinators.combine(Arbitraries.of(TEMPLATES), field, value, value).as(
                (t, f, v1, v2) -> t.replace(SLOT, "{\"" + f + "\":" + v1 + ",\"" + f + "\":" + v2 + "}"));
        Arbitrary<String> again = Combinators.combine(Arbitraries.of(TEMPLATES), field, value,
                Arbitraries.doubles().between(0, 1)).as((t, f, v, where) -> {
                    String body = t.replace(SLOT, "1");
                    int close = body.indexOf('}', (int) (where * body.length()));
                    int at = close < 0 ? body.lastIndexOf('}') : close;
                    return at < 0 ? body : body.substring(0, at) + ",\"" + f + "\":" + v + body.substring(at);
                });
        return Arbitraries.oneOf(nested, again);
    }
}
