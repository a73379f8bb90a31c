package dev.kon.workload;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

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
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int len;
    /** The last line ended with '\r': a '\n' right after it belongs to the same line end. */
    private boolean skipLf;

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
        line.setLength(0);
        long length = 0;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = Math.max(0, in.read(buf));
                pos = 0;
                if (len == 0) {
                    if (!any) {
                        return null;
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
                // The whole line is in the buffer: no copy through the builder (as BufferedReader does).
                skipLf = buf[pos++] == '\r';
                return new String(buf, start, n);
            }
            length += n;
            if (length <= maxChars) {
                line.append(buf, start, n);
            } else if (line.length() > 0) {
                // Over the limit: let go of what was kept; only the count goes on.
                line.setLength(0);
                line.trimToSize();
            }
            if (pos < len) {
                skipLf = buf[pos++] == '\r';
                break;
            }
        }
        if (length > maxChars) {
            throw new LineTooLongException(length);
        }
        return line.toString();
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
