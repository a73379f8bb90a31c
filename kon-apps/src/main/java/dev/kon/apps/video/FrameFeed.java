package dev.kon.apps.video;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Loads a task's images in parallel and hands them out in order. At most {@code window} images are in flight
 * (downloading, decoding, or decoded and waiting to be encoded) at once, so memory stays bounded at about
 * {@code window} frames however many URLs a task has, and encoding overlaps with downloading.
 *
 * <p>Cancellation: {@link #next} looks at the {@code cancelled} flag every {@value #CHECK_MILLIS} ms while it
 * waits and then throws {@link CancellationException}; an interrupt ends it at once. {@link #close} interrupts the
 * loads still running (which cancels their downloads) and waits up to {@value #CLOSE_MILLIS} ms for the threads to
 * end.
 *
 * <p>Used by one thread (the task's).
 */
final class FrameFeed implements AutoCloseable {
    /** How often a waiting {@link #next} looks at the cancelled flag. */
    static final long CHECK_MILLIS = 100;
    /** How long {@link #close} waits for the loading threads to end. */
    static final long CLOSE_MILLIS = 800;

    /** Loads one image as a frame. */
    interface Loader {
        BufferedImage load(ImageRef ref) throws UnusableImageException, InterruptedException;
    }

    /**
     * One image's outcome, in the task's order.
     *
     * @param index   its place in the task, from 0
     * @param ref     where it came from
     * @param image   the frame, or null if it is unusable
     * @param failure why it is unusable, or null
     */
    record Frame(int index, ImageRef ref, BufferedImage image, String failure) {
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final List<ImageRef> refs;
    private final Loader loader;
    private final int window;
    private final BooleanSupplier cancelled;
    private final ExecutorService pool;
    private final List<Future<Frame>> pending = new ArrayList<>();
    private int submitted;
    private int taken;

    FrameFeed(List<ImageRef> refs, Loader loader, int window, BooleanSupplier cancelled) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        this.refs = List.copyOf(refs);
        this.loader = loader;
        this.window = window;
        this.cancelled = cancelled;
        int poolId = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.min(window, Math.max(1, refs.size())), r -> {
            Thread t = new Thread(r, "kon-video-load-" + poolId + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    boolean hasNext() {
        return taken < refs.size();
    }

    /**
     * The next image in order, waiting for it if needed. Exceptions other than an unusable image propagate;
     * {@link CancellationException} once the cancelled flag is up.
     */
    Frame next() throws InterruptedException {
        if (!hasNext()) {
            throw new IllegalStateException("no more images");
        }
        while (submitted < refs.size() && submitted < taken + window) {
            int index = submitted++;
            ImageRef ref = refs.get(index);
            pending.add(pool.submit(() -> load(index, ref)));
        }
        Future<Frame> future = pending.get(taken);
        try {
            Frame frame = await(future);
            pending.set(taken++, null);
            return frame;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("loading an image failed", e.getCause());
        }
    }

    private Frame await(Future<Frame> future) throws InterruptedException, ExecutionException {
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while waiting for image " + (taken + 1));
            }
            try {
                return future.get(CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillLoading) {
                // Look at the flag again: a worker may cancel without interrupting.
            }
        }
    }

    private Frame load(int index, ImageRef ref) throws InterruptedException {
        try {
            return new Frame(index, ref, loader.load(ref), null);
        } catch (UnusableImageException e) {
            return new Frame(index, ref, null, e.getMessage());
        }
    }

    /**
     * Cancels the loads still running or queued and waits up to {@value #CLOSE_MILLIS} ms for their threads to
     * end; false if some are still running then (they end at their next interruptible step).
     */
    boolean stop() {
        for (Future<Frame> f : pending) {
            if (f != null) {
                f.cancel(true);
            }
        }
        pool.shutdownNow();
        // The task's thread is often interrupted right now (that is how it was cancelled); the wait is short and
        // must happen anyway, so the flag is put aside for it and restored after.
        boolean interrupted = Thread.interrupted();
        try {
            return pool.awaitTermination(CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            return pool.isTerminated();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** As {@link #stop}. */
    @Override
    public void close() {
        stop();
    }
}
