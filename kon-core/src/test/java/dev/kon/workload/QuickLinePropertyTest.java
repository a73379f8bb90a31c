package dev.kon.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.Draw;
import dev.kon.fixture.EchoHandler;
import dev.kon.fixture.Tries;
import dev.kon.task.SleepHandler;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines read where they lie in the buffer ({@link QuickLine}, {@link LineCheck}) mean what they mean as strings
 * ({@link WorkloadFile#parse}, the string check): the same task, the same error, the same sums.
 */
class QuickLinePropertyTest {
    private static final TaskHandlers HANDLERS = TaskHandlers.of(new SleepHandler(), new EchoHandler());
    /** Pieces of lines: good and bad types, numbers near the limits, whitespace of several kinds, odd characters. */
    private static final List<String> PIECES = List.of("sleep", "echo", "nope", "Sleep", "sl_p-2", " ", "  ", "\t",
            "\u000B", "\u2003", "\u00A0", "#", "0", "7", "10", "-1", "+5", "007", "86400000", "86400001",
            "999999999999999", "9999999999999999", "99999999999999999999", "1.5", "x", "a b", "\uFFFD", "\uFEFF",
            "é", "ß", "~");

    @Test
    void split_ofAnyLine_givesTheTaskParseGives() {
        Tries.forAll(3000, QuickLinePropertyTest::line, line -> {
            QuickLine quick = new QuickLine();
            char[] chars = ("<" + line + ">").toCharArray();
            int kind = quick.split(chars, 1, line.length());
            Task expected;
            try {
                expected = WorkloadFile.parse(line, 2).orElse(null);
            } catch (IllegalArgumentException e) {
                assertThat(kind).isEqualTo(QuickLine.OTHER);
                return;
            }
            if (kind == QuickLine.SKIP) {
                assertThat(expected).isNull();
            } else if (kind == QuickLine.TASK) {
                assertThat(new Task(2, quick.type(), quick.args())).isEqualTo(expected);
            }
        });
    }

    @Test
    void check_ofAnyLines_findsWhatTheStringCheckFinds() {
        Tries.forAll(1000, d -> d.list(1, 8, QuickLinePropertyTest::line), lines -> {
            LineCheck quick = new LineCheck(HANDLERS);
            LineCheck strings = new LineCheck(HANDLERS);
            long no = 1;
            for (String line : lines) {
                no++;
                char[] chars = ("<" + line + ">").toCharArray();
                assertThat(quick.check(chars, 1, line.length(), no)).as("line '%s'", line)
                        .isEqualTo(strings.checkString(line, no));
            }
            assertThat(quick.tasks()).isEqualTo(strings.tasks());
            assertThat(quick.sleepMillis()).isEqualTo(strings.sleepMillis());
        });
    }

    @Test
    void args_ofLinesWithTheSameArguments_isOneString() {
        QuickLine quick = new QuickLine();
        char[] first = "sleep 10".toCharArray();
        char[] second = "echo  10".toCharArray();
        quick.split(first, 0, first.length);
        String args = quick.args();
        quick.split(second, 0, second.length);

        assertThat(quick.args()).isSameAs(args);
        assertThat(quick.type()).isEqualTo("echo");
    }

    private static String line(Draw d) {
        StringBuilder b = new StringBuilder();
        if (d.coin()) {
            b.append(d.oneOf("sleep ", "echo ", "sleep\t", "echo"));
        }
        int n = d.between(0, 4);
        for (int i = 0; i < n; i++) {
            b.append(d.oneOf(PIECES));
        }
        return b.toString();
    }
}
