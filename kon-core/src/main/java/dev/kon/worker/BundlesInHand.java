package dev.kon.worker;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bundles a worker holds, from their claim until the flusher is done with them, and the two hand-offs between
 * its duties: claimed bundles wait here for executor threads, bundles whose tasks have all run wait for the
 * flusher. The heartbeat and the fence go over what is held; the poller asks whether a bundle is held already, so
 * that a second delivery of it is not claimed and run a second time.
 *
 * <p>Thread-safety: thread-safe. The poller adds, executor threads and the flusher take, the flusher releases,
 * the heartbeat and the fence read snapshots.
 */
final class BundlesInHand {
    private final int threads;
    private final Set<BundleRun> held = ConcurrentHashMap.newKeySet();
    /** A bundle is in here once for each executor thread that may share it. */
    private final BlockingQueue<BundleRun> toRun = new LinkedBlockingQueue<>();
    /** Tokens of bundles from the priority queue: taken before any in {@link #toRun}. */
    private final BlockingQueue<BundleRun> toRunFirst = new LinkedBlockingQueue<>();
    private final BlockingQueue<BundleRun> toFlush = new LinkedBlockingQueue<>();

    /** Bundles for {@code threads} executor threads. */
    BundlesInHand(int threads) {
        this.threads = threads;
    }

    /** A claimed bundle enters: its tasks are offered to as many executor threads as can share it. */
    void accept(BundleRun run) {
        held.add(run);
        int tokens = Math.min(run.size(), threads);
        BlockingQueue<BundleRun> queue = run.priority() ? toRunFirst : toRun;
        for (int i = 0; i < tokens; i++) {
            queue.add(run);
        }
    }

    /** A claimed bundle given up as poison enters with its results packed, and goes straight to the flusher. */
    void giveUp(BundleRun run) {
        held.add(run);
        toFlush.add(run);
    }

    /** The next bundle with tasks that may be left to take; null if none came within {@code timeoutMillis}. */
    BundleRun nextToRun(long timeoutMillis) throws InterruptedException {
        BundleRun first = toRunFirst.poll();
        return first != null ? first : toRun.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The next bundle from the priority queue with tasks that may be left to take, for the executor thread kept
     * for them; null if none came within {@code timeoutMillis}.
     */
    BundleRun nextPriorityToRun(long timeoutMillis) throws InterruptedException {
        return toRunFirst.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** True when no bundle waits for an executor thread. */
    boolean noneToRun() {
        return toRun.isEmpty() && toRunFirst.isEmpty();
    }

    /** The bundle's last task is done (or it was cancelled): it goes to the flusher. */
    void ran(BundleRun run) {
        toFlush.add(run);
    }

    /** The next bundle to flush; null if none came within {@code timeoutMillis}. */
    BundleRun nextToFlush(long timeoutMillis) throws InterruptedException {
        return toFlush.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Moves up to {@code max} bundles waiting to be flushed into {@code round}, without waiting. */
    void drainToFlush(Collection<BundleRun> round, int max) {
        toFlush.drainTo(round, max);
    }

    /** The flusher is done with the bundle, whatever the outcome. */
    void release(BundleRun run) {
        held.remove(run);
    }

    /** True while the bundle is held (waiting, running, or being completed). */
    boolean holds(String bundleId) {
        for (BundleRun r : held) {
            if (r.key().equals(bundleId)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return held.size();
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** The bundles held at this moment. */
    Collection<BundleRun> snapshot() {
        return List.copyOf(held);
    }
}
