package dev.kon.apps.video;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads a task's images in parallel and hands them out in order. At most {@code window} images are in flight
 * (downloading, decoding, or decoded and waiting to be encoded) at once, so memory stays bounded at about
 * {@code window} frames however many URLs a task has, and encoding overlaps with downloading.
 *
 * <p>Used by one thread (the task's); {@link #close} stops the loads still running.
 */
final class FrameFeed implements AutoCloseable {
    /** Loads one image as a frame. */
    interface Loader {
        BufferedImage load(ImageRef ref) throws UnusableImageException, InterruptedException;
    }

    /**
     * One image's outcome, in the task's order.
     *
     * @param ref     where it came from
     * @param image   the frame, or null if it is unusable
     * @param failure why it is unusable, or null
     */
    record Frame(ImageRef ref, BufferedImage image, String failure) {
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final List<ImageRef> refs;
    private final Loader loader;
    private final int window;
    private final ExecutorService pool;
    private final List<Future<Frame>> pending = new ArrayList<>();
    private int submitted;
    private int taken;

    FrameFeed(List<ImageRef> refs, Loader loader, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        this.refs = List.copyOf(refs);
        this.loader = loader;
        this.window = window;
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

    /** The next image in order, waiting for it if needed. Exceptions other than an unusable image propagate. */
    Frame next() throws InterruptedException {
        if (!hasNext()) {
            throw new IllegalStateException("no more images");
        }
        while (submitted < refs.size() && submitted < taken + window) {
            ImageRef ref = refs.get(submitted++);
            pending.add(pool.submit(() -> load(ref)));
        }
        Future<Frame> future = pending.set(taken++, null);
        try {
            return future.get();
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

    private Frame load(ImageRef ref) throws InterruptedException {
        try {
            return new Frame(ref, loader.load(ref), null);
        } catch (UnusableImageException e) {
            return new Frame(ref, null, e.getMessage());
        }
    }

    /** Cancels the loads still running or queued and waits briefly for their threads to end. */
    @Override
    public void close() {
        for (Future<Frame> f : pending) {
            if (f != null) {
                f.cancel(true);
            }
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
