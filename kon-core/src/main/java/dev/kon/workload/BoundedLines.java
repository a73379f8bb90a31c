package dev.kon.workload;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Reads lines as {@link java.io.BufferedReader#readLine} does ({@code \n}, {@code \r} or {@code \r\n} end a line),
 * but never holds more than {@code maxChars} characters of one: the rest of a longer line is read past and
 * counted, and {@link #next} throws {@link LineTooLongException} with its length, so a file with a line of a
 * gigabyte is refused in the memory of a short one. Not thread-safe.
 */
final class BoundedLines implements Closeable {
    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[8192];
    /** A line that did not fit in {@link #buf}, as far as it is kept (up to {@code maxChars}). */
    private char[] longLine = new char[0];
    private int pos;
    private int len;
    /** The last line ended with '\r': a '\n' right after it belongs to the same line end. */
    private boolean skipLf;
    /** The current line: {@code lineLength} characters of {@code lineChars} from {@code lineStart}. */
    private char[] lineChars = buf;
    private int lineStart;
    private int lineLength;

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /**
     * The next line without its terminator, or null at the end of the input.
     *
     * @throws LineTooLongException after reading past a line of more than {@code maxChars} characters; the next
     *                              call reads the line after it
     */
    String next() throws IOException {
        return advance() ? new String(lineChars, lineStart, lineLength) : null;
    }

    /**
     * Reads the next line and makes it the current one ({@link #chars}, {@link #start}, {@link #length}), without
     * making a string of it: false at the end of the input.
     *
     * @throws LineTooLongException as {@link #next} does
     */
    boolean advance() throws IOException {
        int kept = 0;
        long length = 0;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = Math.max(0, in.read(buf));
                pos = 0;
                if (len == 0) {
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int n = pos - start;
            if (length == 0 && pos < len && n <= maxChars) {
                // The whole line is in the buffer: handed out where it is (BufferedReader copies it once too).
                skipLf = buf[pos++] == '\r';
                return current(buf, start, n);
            }
            length += n;
            if (length <= maxChars) {
                if (kept + n > longLine.length) {
                    longLine = Arrays.copyOf(longLine, (int) Math.min(maxChars, Math.max(kept + n, 2L * kept)));
                }
                System.arraycopy(buf, start, longLine, kept, n);
                kept += n;
            } else if (longLine.length > 0) {
                // Over the limit: let go of what was kept; only the count goes on.
                longLine = new char[0];
                kept = 0;
            }
            if (pos < len) {
                skipLf = buf[pos++] == '\r';
                break;
            }
        }
        if (length > maxChars) {
            throw new LineTooLongException(length);
        }
        return current(longLine, 0, kept);
    }

    private boolean current(char[] chars, int start, int length) {
        lineChars = chars;
        lineStart = start;
        lineLength = length;
        return true;
    }

    /** The array holding the current line; read it before the next call, which may overwrite it. */
    char[] chars() {
        return lineChars;
    }

    /** Where the current line starts in {@link #chars}. */
    int start() {
        return lineStart;
    }

    /** The current line's length in characters. */
    int length() {
        return lineLength;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A line longer than the limit; it has been read past. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long length;

        LineTooLongException(long length) {
            super("line of " + length + " characters");
            this.length = length;
        }

        long length() {
            return length;
        }
    }
}
