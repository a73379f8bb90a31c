package dev.kon.worker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a worker is in its life, as its duties need to know it: whether it still takes bundles, whether it was
 * killed (everything in hand is abandoned), and whether its poller has ended (no bundle comes in any more). Also
 * its owner id in the ledger.
 *
 * <p>A stop is asked by the worker's owner or by the poller itself when it has been idle for long enough; either
 * way the poller ends, and the worker winds its other duties down once it has. States only move forward.
 *
 * <p>Thread-safety: thread-safe; every duty reads it, any thread may stop or kill.
 */
final class WorkerState {
    private final String workerId;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile boolean killed;
    private volatile boolean pollerEnded;

    WorkerState(String workerId) {
        this.workerId = workerId;
    }

    /** The worker's owner id in the ledger: {@code host/pid/random}. */
    String workerId() {
        return workerId;
    }

    /** True until a stop or a kill: the poller may take new bundles. */
    boolean accepting() {
        return !stopping.get() && !killed;
    }

    /**
     * Takes no new bundles from now on; the ones in hand are finished.
     *
     * @return true for the call that stopped it, false once stopped or killed
     */
    boolean stopAccepting() {
        return stopping.compareAndSet(false, true);
    }

    /** Abandons everything in hand: no duty finishes, posts or acknowledges anything more. */
    void kill() {
        killed = true;
        stopping.set(true);
    }

    boolean killed() {
        return killed;
    }

    /** The poller thread has left its loop. */
    void markPollerEnded() {
        pollerEnded = true;
    }

    /** True once no bundle can come in any more: the worker stopped accepting and its poller has ended. */
    boolean intakeEnded() {
        return !accepting() && pollerEnded;
    }
}
