package dev.kon.wire;

/**
 * A strict pull reader over one JSON text, just enough for Kon's message bodies: objects, arrays, strings,
 * integers, booleans and null. It never builds a tree, so decoding a bundle of a thousand tasks allocates little
 * beyond the tasks themselves. Errors are {@link MalformedMessageException} with the offset.
 */
final class JsonCursor {
    private final String s;
    private int pos;

    JsonCursor(String text) {
        this.s = text;
    }

    MalformedMessageException error(String what) {
        return new MalformedMessageException(what + " at offset " + pos);
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    char peek() {
        skipWs();
        if (pos >= s.length()) {
            throw error("unexpected end of body");
        }
        return s.charAt(pos);
    }

    void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "' but found '" + s.charAt(pos) + "'");
        }
        pos++;
    }

    /** Consumes ',' and answers true, or answers false before the closing bracket {@code close}. */
    boolean more(char close) {
        char c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == close) {
            return false;
        }
        throw error("expected ',' or '" + close + "'");
    }

    boolean tryConsume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    String string() {
        expect('"');
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                pos++;
                return out;
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, start, pos);
                pos++;
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            char x = s.charAt(pos + k);
                            int h = x >= '0' && x <= '9' ? x - '0' : x >= 'a' && x <= 'f' ? x - 'a' + 10
                                    : x >= 'A' && x <= 'F' ? x - 'A' + 10 : -1;
                            if (h < 0) {
                                throw error("bad \\u escape");
                            }
                            code = code * 16 + h;
                        }
                        sb.append((char) code);
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + e + "'");
                }
                start = pos;
            } else {
                if (c < 0x20) {
                    throw error("control character in string");
                }
                pos++;
            }
        }
    }

    long integer() {
        skipWs();
        boolean negative = pos < s.length() && s.charAt(pos) == '-';
        if (negative) {
            pos++;
        }
        // Accumulated negatively, as Long.parseLong does, so Long.MIN_VALUE fits and overflow is caught.
        long v = 0;
        int digits = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            int d = c - '0';
            // v * 10 - d must stay >= Long.MIN_VALUE (-9223372036854775808).
            if (v < Long.MIN_VALUE / 10 || v == Long.MIN_VALUE / 10 && d > 8) {
                throw error("integer out of range");
            }
            v = v * 10 - d;
            digits++;
            pos++;
        }
        if (digits == 0) {
            throw error("expected an integer");
        }
        if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            throw error("expected an integer, found a fraction");
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw error("integer out of range");
            }
            return -v;
        }
        return v;
    }

    /** Skips one value of any kind (for fields a newer writer added). */
    void skipValue() {
        char c = peek();
        switch (c) {
            case '"' -> string();
            case '{' -> {
                pos++;
                if (!tryConsume('}')) {
                    do {
                        string();
                        expect(':');
                        skipValue();
                    } while (more('}'));
                    expect('}');
                }
            }
            case '[' -> {
                pos++;
                if (!tryConsume(']')) {
                    do {
                        skipValue();
                    } while (more(']'));
                    expect(']');
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                skipWs();
                int start = pos;
                while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                    pos++;
                }
                if (pos == start) {
                    throw error("unexpected '" + c + "'");
                }
            }
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
    }

    void end() {
        skipWs();
        if (pos != s.length()) {
            throw error("trailing characters after the body");
        }
    }
}
