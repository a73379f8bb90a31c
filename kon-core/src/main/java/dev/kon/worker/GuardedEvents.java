package dev.kon.worker;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's calls with its exceptions caught: what an observer throws must not give up a bundle or stop a duty.
 * The first failure is logged as a warning, later ones at debug level (a broken listener fails on every task).
 *
 * <p>Thread-safety: as thread-safe as the listener it wraps.
 */
final class GuardedEvents implements WorkerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedEvents.class);
    private final WorkerEvents events;
    private final AtomicBoolean warned = new AtomicBoolean();

    private GuardedEvents(WorkerEvents events) {
        this.events = events;
    }

    /** {@code events} guarded; {@link WorkerEvents#NONE} stays itself, so the worker can tell it is not listened to. */
    static WorkerEvents of(WorkerEvents events) {
        return events == WorkerEvents.NONE || events instanceof GuardedEvents ? events : new GuardedEvents(events);
    }

    @Override
    public void received(int messages, long latencyNanos) {
        try {
            events.received(messages, latencyNanos);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void waited(long millis) {
        try {
            events.waited(millis);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void bundlesClaimed(int bundles) {
        try {
            events.bundlesClaimed(bundles);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void taskFinished(String type, Outcome outcome, long durationNanos) {
        try {
            events.taskFinished(type, outcome, durationNanos);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void leaseRenewed() {
        try {
            events.leaseRenewed();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void leaseLost(LeaseLoss why) {
        try {
            events.leaseLost(why);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("the worker's event listener failed (later failures are logged at debug level)", e);
        } else {
            LOG.debug("the worker's event listener failed", e);
        }
    }
}
