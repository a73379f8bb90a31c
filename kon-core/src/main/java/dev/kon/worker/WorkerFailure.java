package dev.kon.worker;

import dev.kon.FatalErrors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a worker's duties report what they cannot survive. Something one message or one task threw is logged and
 * the duty goes on; an error of the virtual machine (out of memory) or a worker that cannot make progress (a task
 * that will not stop) fails the worker: the first failure is kept, the worker abandons everything in hand as a
 * crash would (other workers take it over after the lease), and its owner's listener is told, so a process exits
 * non-zero and an embedding application learns it instead of finding a silent zombie.
 *
 * <p>Thread-safety: thread-safe; the listener is called at most once.
 */
final class WorkerFailure {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerFailure.class);
    private final AtomicReference<WorkerFailedException> first = new AtomicReference<>();
    private final String workerId;
    private final Runnable abandon;
    private volatile Consumer<WorkerFailedException> listener = e -> { };

    WorkerFailure(String workerId, Runnable abandon) {
        this.workerId = workerId;
        this.abandon = abandon;
    }

    void listener(Consumer<WorkerFailedException> l) {
        listener = l;
    }

    /**
     * A duty caught {@code e}: fatal errors fail the worker; anything else is logged and the duty goes on.
     *
     * @return normally when the duty may go on
     */
    void onUnexpected(String duty, Throwable e) {
        if (FatalErrors.isFatal(e)) {
            fail("the " + duty + " thread hit " + e, e);
        } else {
            LOG.error("worker {}: the {} thread caught an unexpected {}; going on", workerId, duty, e.toString(), e);
        }
    }

    /** Fails the worker (the first call wins). */
    void fail(String why, Throwable cause) {
        WorkerFailedException failure = new WorkerFailedException(workerId, why, cause);
        if (!first.compareAndSet(null, failure)) {
            return;
        }
        try {
            LOG.error("worker {} failed: {}", workerId, why, cause);
        } catch (Throwable ignored) {
            // Logging can fail out of memory; the listener still has to hear it.
        }
        try {
            abandon.run();
        } finally {
            listener.accept(failure);
        }
    }

    WorkerFailedException get() {
        return first.get();
    }
}
