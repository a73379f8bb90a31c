package dev.kon.worker;

import java.time.Duration;

/**
 * What each executor thread is running right now: the bundle, since when, and until when it may run. It is how a
 * task is stopped from outside its thread: cancelling a bundle interrupts the threads running its tasks, and a task
 * past its time limit is interrupted and marked timed out. Interrupts are sent under the slot's lock, only while
 * the slot still runs the task they are meant for, so a late interrupt never hits the thread's next task.
 *
 * <p>Thread-safety: thread-safe; each slot is written by its executor thread and read by the fence and heartbeat.
 */
final class TaskSlots {
    /** One executor thread's task in progress. */
    static final class Slot {
        private Thread thread;
        private BundleRun run;
        private long startNanos;
        private long limitNanos;
        private boolean timedOut;
        /** When the running task was told to stop (interrupted), or 0. */
        private long stopAskedNanos;

        /** The calling thread starts an attempt of a task of {@code run} that may take {@code limit}. */
        synchronized void begin(BundleRun run, Duration limit) {
            this.thread = Thread.currentThread();
            this.run = run;
            this.startNanos = System.nanoTime();
            this.limitNanos = limit.toNanos();
            this.timedOut = false;
            this.stopAskedNanos = 0;
            if (run.cancelled() || run.stopped()) {
                // Stopped between the caller's check and now: the interrupt was sent to nobody.
                stop(startNanos);
            }
        }

        /**
         * The attempt ended; answers whether it was stopped for its time limit. Clears an interrupt meant for it,
         * so the thread's next task starts clean.
         */
        synchronized boolean end() {
            boolean late = timedOut;
            run = null;
            stopAskedNanos = 0;
            Thread.interrupted();
            return late;
        }

        /** The limit of the attempt in progress, for its failure message. */
        synchronized Duration limit() {
            return Duration.ofNanos(limitNanos);
        }

        private void stop(long nowNanos) {
            if (stopAskedNanos == 0) {
                stopAskedNanos = nowNanos;
            }
            thread.interrupt();
        }
    }

    private final Slot[] slots;

    TaskSlots(int threads) {
        slots = new Slot[threads];
        for (int i = 0; i < threads; i++) {
            slots[i] = new Slot();
        }
    }

    Slot slot(int i) {
        return slots[i];
    }

    /**
     * Cancels the bundle (the first reason wins) and interrupts the threads running its tasks.
     *
     * @return true for the call that cancelled it
     */
    boolean cancel(BundleRun run, String reason) {
        boolean first = run.cancel(reason);
        long now = System.nanoTime();
        for (Slot s : slots) {
            synchronized (s) {
                if (s.run == run) {
                    s.stop(now);
                }
            }
        }
        return first;
    }

    /**
     * Stops the bundle because its run was cancelled (see {@link BundleRun#stopRun}) and interrupts the threads
     * running its tasks.
     *
     * @return true for the call that stopped it
     */
    boolean stopRun(BundleRun run, String reason) {
        boolean first = run.stopRun(reason);
        long now = System.nanoTime();
        for (Slot s : slots) {
            synchronized (s) {
                if (s.run == run) {
                    s.stop(now);
                }
            }
        }
        return first;
    }

    /** Interrupts every task past its time limit and marks it timed out; answers how many. */
    int expireOverdue(long nowNanos) {
        int n = 0;
        for (Slot s : slots) {
            synchronized (s) {
                if (s.run != null && !s.timedOut && nowNanos - s.startNanos > s.limitNanos) {
                    s.timedOut = true;
                    s.stop(nowNanos);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * A task that was told to stop more than {@code graceNanos} ago and is still running (a handler that ignores
     * interrupts, stuck in a call that cannot be interrupted), described; null when there is none.
     */
    String stuck(long nowNanos, long graceNanos) {
        for (Slot s : slots) {
            synchronized (s) {
                if (s.run != null && s.stopAskedNanos != 0 && nowNanos - s.stopAskedNanos > graceNanos) {
                    return "a task of bundle " + s.run.key() + " on thread " + s.thread.getName()
                            + " has not stopped " + Duration.ofNanos(nowNanos - s.stopAskedNanos).toSeconds()
                            + "s after it was " + (s.timedOut ? "timed out" : "cancelled");
                }
            }
        }
        return null;
    }
}
