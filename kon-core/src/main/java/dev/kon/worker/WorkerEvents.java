package dev.kon.worker;

/**
 * What a worker tells an observer as it goes (for metrics): receives, claims, each task's end, lease renewals and
 * losses. Every method does nothing by default; {@link #NONE} is the listener of a worker given none.
 *
 * <p>Contract: methods are called on the worker's own threads (poller, executors, heartbeat, fence), often
 * concurrently, and on the hot path: an implementation must be thread-safe, quick, and must not block. Times are
 * plain numbers (nanoseconds or milliseconds, as named) so that no call allocates. An exception thrown by a
 * listener is logged and otherwise ignored: it never changes what the worker does.
 */
public interface WorkerEvents {
    /** Hears nothing; a worker built without a listener uses it and skips its timing calls. */
    WorkerEvents NONE = new WorkerEvents() {
    };

    /** How a task ended on this worker. */
    enum Outcome {
        /** The handler returned. */
        SUCCEEDED,
        /** It failed after its attempts (an exception, a time limit, an unknown type). */
        FAILED,
        /**
         * Its bundle was stopped while it ran (lease lost or run out, worker stopping): its result is dropped
         * and the bundle's message left for another delivery.
         */
        CANCELLED
    }

    /** Why a bundle's lease was lost. */
    enum LeaseLoss {
        /** A renewal was refused: another worker claimed the bundle. */
        TAKEN_OVER,
        /** No renewal succeeded in time (a slow ledger, a frozen process): the lease ran out here. */
        RAN_OUT
    }

    /**
     * One receive call of the poller returned {@code messages} messages (0 for an empty long poll) after
     * {@code latencyNanos}. Failed calls are not reported.
     */
    default void received(int messages, long latencyNanos) {
    }

    /**
     * A received message had waited {@code millis} on the queue since it was sent (since it was first sent, for
     * a message delivered again). Only for messages whose queue says when they were sent.
     */
    default void waited(long millis) {
    }

    /** {@code bundles} claims were granted by one ledger call (poison bundles included). */
    default void bundlesClaimed(int bundles) {
    }

    /**
     * A task of type {@code type} ended after {@code durationNanos}, all its attempts (and the pauses between
     * them) included. Tasks of a stopped bundle that never started are not reported.
     */
    default void taskFinished(String type, Outcome outcome, long durationNanos) {
    }

    /** The ledger renewed the lease of one bundle in hand. */
    default void leaseRenewed() {
    }

    /** A bundle in hand was stopped because its lease was lost; once per bundle. */
    default void leaseLost(LeaseLoss why) {
    }
}
