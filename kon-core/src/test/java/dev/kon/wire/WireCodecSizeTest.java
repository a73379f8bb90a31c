package dev.kon.wire;

import static dev.kon.fixture.ResultBuilder.aResult;
import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecSizeTest {
    /** How far over the real size an estimate may be for ASCII text without escapes. */
    private static final int MARGIN = 16;

    private static int encodedBytes(Task t) {
        return WireCodec.appendTask(new StringBuilder(), t).toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static int encodedBytes(TaskResult r) {
        return WireCodec.appendResult(new StringBuilder(), r).toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<Task> typicalAsciiTasks() {
        return List.of(aTask().withId(0).ofType("sleep").withArgs("0").build(),
                aTask().withId(1).ofType("sleep").withArgs("10").build(),
                aTask().withId(9_999_999).ofType("stats").withArgs("mean 1 2 3 4 5 6 7 8 9").build(),
                aTask().withId(999_999_999_999_999_999L).ofType("x").withArgs("").build(),
                aTask().withId(42).ofType("animoto").withArgs("https://example.com/a.jpg ".repeat(400)).build());
    }

    private static List<TaskResult> typicalAsciiResults() {
        return List.of(aResult().forTask(0).between(0, 0).build(),
                aResult().forTask(7).withOutput("ok").byWorker("ip-10-0-0-1/12345/t3").build(),
                aResult().forTask(999_999_999_999_999_999L).failed().withOutput("RuntimeException: boom")
                        .between(1_700_000_000_000L, 999_999_999_999_999_999L).build(),
                aResult().forTask(3).withOutput("mean=5 ".repeat(3000)).build());
    }

    @Test
    void encodedSize_ofTypicalAsciiTasks_isAtLeastTheRealSizeAndWithinASmallMargin() {
        for (Task t : typicalAsciiTasks()) {
            assertThat(WireCodec.encodedSize(t)).as("task %s", t.id())
                    .isBetween(encodedBytes(t), encodedBytes(t) + MARGIN);
        }
    }

    @Test
    void encodedSize_ofTypicalAsciiResults_isAtLeastTheRealSizeAndWithinASmallMargin() {
        for (TaskResult r : typicalAsciiResults()) {
            assertThat(WireCodec.encodedSize(r)).as("result %s", r.taskId())
                    .isBetween(encodedBytes(r), encodedBytes(r) + MARGIN);
        }
    }

    @Test
    void encodedSize_ofResultsWithNegativeTimes_isStillAtLeastTheRealSize() {
        TaskResult r = aResult().between(-1, Long.MIN_VALUE).build();

        assertThat(WireCodec.encodedSize(r)).isGreaterThanOrEqualTo(encodedBytes(r));
    }

    @Test
    void encodedSize_ofNonAsciiText_countsUtf8Bytes() {
        Task t = aTask().withArgs("\u00e9\u20ac\ud83d\ude00".repeat(100)).build();
        TaskResult r = aResult().withOutput("\u65e5\u672c".repeat(100)).byWorker("h\u00f6st/1/t0").build();

        assertThat(WireCodec.encodedSize(t)).isBetween(encodedBytes(t), encodedBytes(t) + MARGIN);
        assertThat(WireCodec.encodedSize(r)).isBetween(encodedBytes(r), encodedBytes(r) + MARGIN);
    }

    @Test
    void encodedSize_ofTextWithEscapes_missesOnlyTheEscapeBytes() {
        String args = "a \"quoted\" C:\\dir\nnext\tcol";
        int escapes = 6;
        Task t = aTask().withArgs(args).build();

        assertThat(WireCodec.encodedSize(t)).isBetween(encodedBytes(t) - escapes, encodedBytes(t) + MARGIN);
    }

    @Test
    void digits_ofEveryPowerOfTenAndItsNeighbours_countsAsLongToStringDoes() {
        long p = 1;
        for (int i = 0; i <= 18; i++, p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, p * 9, p * 9 + (p - 1)}) {
                if (v >= 0) {
                    assertThat(WireCodec.digits(v)).as("%d", v).isEqualTo(Long.toString(v).length());
                }
            }
        }
        assertThat(WireCodec.digits(Long.MAX_VALUE)).isEqualTo(19);
        assertThat(WireCodec.digits(-1)).isEqualTo(20);
    }
}
