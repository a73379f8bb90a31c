package dev.kon.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** {@link BoundedLines} splits text as {@link BufferedReader#readLine} does, and reports each line over its limit. */
class BoundedLinesPropertyTest {

    @Property(tries = 500)
    void next_readsTheLinesReadLineReads_withEachLongOneReportedByLength(
            @ForAll @Chars({'\r', '\n'}) @CharRange(from = 'a', to = 'c') @StringLength(max = 60) String text,
            @ForAll @IntRange(min = 0, max = 8) int maxChars,
            @ForAll @IntRange(min = 1, max = 7) int charsPerRead) throws IOException {
        List<String> expected = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                expected.add(line.length() <= maxChars ? line : "too long: " + line.length());
            }
        }

        List<String> read = new ArrayList<>();
        try (BoundedLines lines = new BoundedLines(new Trickle(text, charsPerRead), maxChars)) {
            while (true) {
                try {
                    String line = lines.next();
                    if (line == null) {
                        break;
                    }
                    read.add(line);
                } catch (BoundedLines.LineTooLongException e) {
                    read.add("too long: " + e.length());
                }
            }
        }

        assertThat(read).isEqualTo(expected);
    }

    /** A reader that hands out at most a few characters per call, as a slow stream may. */
    private static final class Trickle extends Reader {
        private final StringReader in;
        private final int most;

        Trickle(String text, int most) {
            this.in = new StringReader(text);
            this.most = most;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            return in.read(buf, off, Math.min(len, most));
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
