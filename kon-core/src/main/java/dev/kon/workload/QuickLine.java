package dev.kon.workload;

/**
 * Splits a workload line where it lies in a character buffer, without making a string of it, when the line has
 * the common form: a type of lower-case letters, digits, '-' or '_' at its very start, then spaces or tabs and
 * arguments that start and end with a printable ASCII character (or no arguments at all). Such a line means what
 * {@link WorkloadFile#parse} makes of it; any other line (surrounding whitespace, a bad type, other characters at
 * its edges, a byte order mark) is answered {@link #OTHER} and goes the string way, which words the errors.
 *
 * <p>A workload is mostly one type, so the type's string is kept from line to line; so are the arguments' when
 * they are the same as the line before's ({@code sleep 0} a million times holds one {@code "0"}). Not thread-safe:
 * one per reading pass.
 */
final class QuickLine {
    /** Not in the common form: read the line as a string. */
    static final int OTHER = 0;
    /** Blank or a comment: no task. */
    static final int SKIP = 1;
    /** A task: {@link #type}, and the arguments at {@link #argsStart}..{@link #argsEnd}. */
    static final int TASK = 2;

    private String type;
    private String args = "";
    private char[] chars;
    private int argsStart;
    private int argsEnd;

    /** Splits {@code length} characters of {@code a} from {@code from} into one of the three kinds. */
    int split(char[] a, int from, int length) {
        if (length == 0) {
            return SKIP;
        }
        int end = from + length;
        char first = a[from];
        if (first == '#') {
            return SKIP;
        }
        if (!isTypeChar(first) || !isPrintableAscii(a[end - 1])) {
            return OTHER;
        }
        int i = from + 1;
        while (i < end && isTypeChar(a[i])) {
            i++;
        }
        int typeEnd = i;
        if (i < end) {
            if (a[i] != ' ' && a[i] != '\t') {
                return OTHER;
            }
            // The last character is printable, so this stops before the end.
            while (a[i] == ' ' || a[i] == '\t') {
                i++;
            }
            if (!isPrintableAscii(a[i])) {
                return OTHER;
            }
        }
        if (!same(type, a, from, typeEnd)) {
            type = new String(a, from, typeEnd - from);
        }
        chars = a;
        argsStart = i;
        argsEnd = end;
        return TASK;
    }

    /** The type of the line last answered {@link #TASK}. */
    String type() {
        return type;
    }

    /** Its arguments as a string: the previous one when they are the same. */
    String args() {
        if (!same(args, chars, argsStart, argsEnd)) {
            args = new String(chars, argsStart, argsEnd - argsStart);
        }
        return args;
    }

    /** The buffer holding the last {@link #TASK} line's arguments, valid until the buffer moves on. */
    char[] chars() {
        return chars;
    }

    int argsStart() {
        return argsStart;
    }

    int argsEnd() {
        return argsEnd;
    }

    private static boolean same(String s, char[] a, int from, int to) {
        if (s == null || s.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i - from) != a[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTypeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static boolean isPrintableAscii(char c) {
        return c > ' ' && c < 0x7f;
    }
}
