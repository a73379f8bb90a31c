package dev.kon.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.EchoHandler;
import dev.kon.task.SleepHandler;
import dev.kon.task.TaskHandlers;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A run streamed from a loop holds its window, not its tasks: counted as tasks pulled from the source less results
 * taken, and as messages waiting on the in-memory queue, while the consumer takes results slowly and quickly.
 */
class RunBackPressureTest {
    private static final int WINDOW = 2_000;
    private static final int BUNDLE = 50;

    @Test
    void run_ofTenMillionTasks_withAConsumerThatPauses_pullsNoMoreThanItsWindowAhead() throws Exception {
        check(10_000_000L, 100_000);
    }

    /** The whole ten million, taken to the end: a couple of minutes on two cores. */
    @Test
    @Tag("slow")
    void run_ofTenMillionTasks_takenToTheEnd_neverHoldsMoreThanItsWindow() throws Exception {
        check(10_000_000L, 10_000_000L);
    }

    private static void check(long tasks, long toTake) throws Exception {
        AtomicLong pulled = new AtomicLong();
        long maxAhead = 0;
        long maxWaiting = 0;
        try (Kon kon = Kon.open(KonSettings.inMemory(2, TaskHandlers.of(new EchoHandler(), new SleepHandler())));
                RunHandle run = kon.run(LongStream.range(0, tasks).mapToObj(i -> {
                    pulled.incrementAndGet();
                    return TaskCall.of("echo", "");
                }), RunOptions.defaults().withWindow(WINDOW).withBundleSize(BUNDLE))) {
            var queue = kon.backend().queues().open(kon.taskQueue());
            Iterator<?> it = run.results();
            long taken = 0;
            while (taken < toTake && it.hasNext()) {
                it.next();
                taken++;
                if (taken % 10_000 == 0 && taken <= 200_000) {
                    // The consumer stops for a while: sending must stop too, not fill memory.
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                }
                if (taken % 1_000 == 0) {
                    maxAhead = Math.max(maxAhead, pulled.get() - taken);
                    maxWaiting = Math.max(maxWaiting, queue.depth().visible() + queue.depth().inFlight());
                }
            }
            assertThat(taken).isEqualTo(toTake);
        }
        // One task more than the window: the one pulled that waits for a permit.
        assertThat(maxAhead).isBetween(1L, WINDOW + 1L);
        // Each message holds at least one task of the window.
        assertThat(maxWaiting).isPositive().isLessThanOrEqualTo(WINDOW);
    }
}
