package dev.kon.worker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many bundles a worker may hold that have not finished running: one per thread plus a prefetch. The poller
 * takes places before it receives and gives back those it did not fill; a bundle keeps its place until its last
 * task has run. With an adaptive prefetch the limit follows how long bundles take to run, so that about
 * {@link #TARGET_AHEAD_MILLIS} of work waits in hand beyond the running bundles: short bundles are fetched ten at a
 * time (few round trips per task), long ones one at a time (a worker does not sit on work others could start).
 *
 * <p>Thread-safety: thread-safe; the poller acquires and releases, executor threads report finished bundles.
 */
final class PrefetchLimit {
    /** Work held beyond the running bundles, per thread, when adaptive. */
    static final long TARGET_AHEAD_MILLIS = 250;
    /** Bounds of the adaptive prefetch, in bundles. */
    static final int MIN_PREFETCH = 1;
    static final int MAX_PREFETCH = 16;
    private static final double WEIGHT = 0.2;

    private final int threads;
    private final boolean adaptive;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int prefetch;
    private int held;
    private double avgBundleMillis = -1;

    /** A limit of {@code threads} plus a prefetch of {@code prefetch} bundles, adapted when {@code adaptive}. */
    PrefetchLimit(int threads, int prefetch, boolean adaptive) {
        this.threads = threads;
        this.prefetch = prefetch;
        this.adaptive = adaptive;
    }

    /** Waits until there is room, then takes up to {@code max} places; answers how many it took (at least 1). */
    int acquireUpTo(int max) throws InterruptedException {
        lock.lock();
        try {
            while (held >= threads + prefetch) {
                freed.await(1, TimeUnit.SECONDS);
            }
            int n = Math.min(max, threads + prefetch - held);
            held += n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back {@code n} places taken but not filled. */
    void release(int n) {
        if (n <= 0) {
            return;
        }
        lock.lock();
        try {
            held -= n;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A bundle ran its last task after {@code millis} on one thread: frees its place and adjusts the prefetch. */
    void releaseFinished(double millis) {
        lock.lock();
        try {
            held--;
            if (adaptive) {
                avgBundleMillis = avgBundleMillis < 0 ? millis : avgBundleMillis + WEIGHT * (millis - avgBundleMillis);
                double ahead = TARGET_AHEAD_MILLIS * threads / Math.max(0.01, avgBundleMillis);
                prefetch = (int) Math.max(MIN_PREFETCH, Math.min(MAX_PREFETCH, Math.round(ahead)));
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The prefetch now, in bundles. */
    int prefetch() {
        lock.lock();
        try {
            return prefetch;
        } finally {
            lock.unlock();
        }
    }
}
