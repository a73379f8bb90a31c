package dev.kon.apps.enhance;

import static dev.kon.apps.enhance.TestImages.JpegOptions.baseline420;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.task.RetryLaterException;
import dev.kon.task.Task;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cancelled task stops within a second in every long step: decoding a baseline or progressive JPEG (64
 * megapixels), enhancing, encoding. The worker cancels by setting the context's flag and interrupting the task's
 * thread; so does {@link #runCancelledAfter}.
 */
class EnhanceCancellationTest {
    private static final int SIDE = 8000;
    private static final Duration CANCEL_AFTER = Duration.ofMillis(100);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(1);

    private static BufferedImage large;
    private static byte[] baseline;
    private static byte[] progressive;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void makeLargeImages() {
        large = TestImages.photo(SIDE, SIDE);
        baseline = TestImages.jpeg(large, baseline420());
        progressive = TestImages.jpeg(large, baseline420().withProgressive());
    }

    @AfterAll
    static void dropLargeImages() {
        large = null;
        baseline = null;
        progressive = null;
    }

    @Test
    void handle_baselineJpegCancelledWhileDecoding_stopsWithinASecond_andWritesNothing() throws Exception {
        assertHandlerStopsWithinASecond(baseline);
    }

    @Test
    void handle_progressiveJpegCancelledWhileDecoding_stopsWithinASecond_andWritesNothing() throws Exception {
        // The decoder reads every scan before its first progress report; only the refused input stops it there.
        assertHandlerStopsWithinASecond(progressive);
    }

    @Test
    void encode_cancelledWhileWriting_stopsWithinASecond() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        try (ImageFile file = ImageFile.open(TestImages.jpeg(TestImages.photo(64, 64), baseline420()), cancelled::get)) {
            file.decode();

            Outcome outcome = runCancelledAfter(() -> file.encode(large), () -> cancelled.set(true));

            assertThat(outcome.failure()).isInstanceOf(CancellationException.class);
            assertThat(outcome.stoppedAfterCancel()).isLessThan(STOP_WITHIN);
        }
    }

    @Test
    void contrast_cancelled_stopsWithACancellation() {
        BufferedImage image = TestImages.photo(256, 256);

        assertThatThrownBy(() -> Contrast.enhance(image, 1.8, () -> true)).isInstanceOf(CancellationException.class);
    }

    private void assertHandlerStopsWithinASecond(byte[] jpeg) throws Exception {
        EnhanceTaskContext ctx = new EnhanceTaskContext();
        ctx.blobs().putBytes("uploads/large.jpg", jpeg, "image/jpeg");
        EnhanceHandler handler = new EnhanceHandler();

        Outcome outcome = runCancelledAfter(() -> handler.handle(new Task(1, "enhance",
                "uploads/large.jpg enhanced/large.jpg 1.8"), ctx), ctx::cancel);

        assertThat(outcome.failure()).isInstanceOf(RetryLaterException.class)
                .hasMessageStartingWith("cancelled while enhancing 'uploads/large.jpg'");
        assertThat(outcome.stoppedAfterCancel()).isLessThan(STOP_WITHIN);
        assertThat(ctx.blobs().keys()).containsExactly("uploads/large.jpg");
    }

    private record Outcome(Throwable failure, Duration stoppedAfterCancel) {
    }

    /**
     * Runs {@code work} on a thread of its own; after {@link #CANCEL_AFTER} runs {@code cancel} and interrupts
     * that thread, as the worker does; answers how the work ended and how long after the cancellation.
     */
    private Outcome runCancelledAfter(Work work, Runnable cancel) throws Exception {
        AtomicLong cancelledAt = new AtomicLong();
        AtomicLong endedAt = new AtomicLong();
        // Not completeExceptionally: a CompletableFuture rethrows a CancellationException from get() unwrapped.
        CompletableFuture<Throwable> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            Throwable failure = null;
            try {
                work.run();
            } catch (Throwable e) {
                failure = e;
            } finally {
                endedAt.set(System.nanoTime());
                result.complete(failure);
            }
        }, "enhance-under-test");
        thread.start();
        timer.schedule(() -> {
            cancelledAt.set(System.nanoTime());
            cancel.run();
            thread.interrupt();
        }, CANCEL_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        Throwable failure;
        try {
            failure = result.get(60, TimeUnit.SECONDS);
        } finally {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            timer.shutdownNow();
        }
        assertThat(cancelledAt.get()).as("cancelled before the work ended").isNotZero().isLessThan(endedAt.get());
        return new Outcome(failure, Duration.ofNanos(endedAt.get() - cancelledAt.get()));
    }

    @FunctionalInterface
    private interface Work {
        Object run() throws Exception;
    }
}
