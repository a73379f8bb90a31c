package dev.kon.worker;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's fencing duty, a few times a second and with no I/O of its own (so a slow backend cannot delay it):
 * <ul>
 *   <li>a bundle whose lease is about to run out (a tenth of it left, see {@link BundleRun#leaseRunningOut}) or has
 *       run out without a successful renewal is cancelled: another worker may hold it soon. The lease is measured
 *       on the monotonic clock, so a process that was frozen (SIGSTOP, a long GC pause, a suspended VM) cancels
 *       on its first tick after waking;</li>
 *   <li>a task past its time limit is interrupted and reported timed out;</li>
 *   <li>a task that ignores being stopped for longer than the grace period leaves the worker unable to keep its
 *       promises (its thread is gone): the worker reports itself failed, so its owner replaces it.</li>
 * </ul>
 *
 * <p>Thread-safety: run by one scheduler thread; it reads the bundles in hand and the task slots, both thread-safe.
 */
final class Fence implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Fence.class);
    /** How often it looks. */
    static final long TICK_MILLIS = 100;
    private final Supplier<Collection<BundleRun>> inHand;
    private final TaskSlots slots;
    private final long graceNanos;
    private final WorkerFailure failure;
    private final WorkerEvents events;

    Fence(Supplier<Collection<BundleRun>> inHand, TaskSlots slots, long graceMillis, WorkerFailure failure,
            WorkerEvents events) {
        this.inHand = inHand;
        this.slots = slots;
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
        this.failure = failure;
        this.events = events;
    }

    @Override
    public void run() {
        try {
            check(System.nanoTime());
        } catch (Throwable e) {
            failure.onUnexpected("fence", e);
        }
    }

    void check(long now) {
        for (BundleRun r : inHand.get()) {
            if (!r.isFinishing() && !r.cancelled() && r.leaseRunningOut(now)) {
                long left = TimeUnit.NANOSECONDS.toMillis(r.leaseRunsOutAt() - now);
                String when = left >= 0 ? "ends in " + left + " ms" : "ran out " + -left + " ms ago";
                if (slots.cancel(r, "its lease " + when + " without a renewal; another worker may run it")) {
                    events.leaseLost(WorkerEvents.LeaseLoss.RAN_OUT);
                    LOG.warn("bundle {}: its lease {} without a renewal (was this process frozen, or the ledger "
                            + "slow?); stopping it here", r.key(), when);
                }
            }
        }
        slots.expireOverdue(now);
        String stuck = slots.stuck(now, graceNanos);
        if (stuck != null) {
            failure.fail(stuck + "; this worker can no longer keep its promises and stops so that it can be "
                    + "replaced", null);
        }
    }
}
