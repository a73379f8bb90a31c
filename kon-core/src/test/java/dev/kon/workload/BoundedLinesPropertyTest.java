package dev.kon.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.Tries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BoundedLines} splits text as {@link BufferedReader#readLine} does, and reports each line over its limit. */
class BoundedLinesPropertyTest {

    @Test
    void next_readsTheLinesReadLineReads_withEachLongOneReportedByLength() {
        Tries.forAll(500, d -> new Case(d.string("abc\r\n", 60), d.between(0, 8), d.between(1, 7)),
                BoundedLinesPropertyTest::readsAsReadLine);
    }

    /** A text of a, b, c and line ends; a line limit; how many characters the reader hands out per call. */
    private record Case(String text, int maxChars, int charsPerRead) {
    }

    private static void readsAsReadLine(Case c) throws IOException {
        String text = c.text();
        int maxChars = c.maxChars();
        List<String> expected = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                expected.add(line.length() <= maxChars ? line : "too long: " + line.length());
            }
        }

        List<String> read = new ArrayList<>();
        try (BoundedLines lines = new BoundedLines(new Trickle(text, c.charsPerRead()), maxChars)) {
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
