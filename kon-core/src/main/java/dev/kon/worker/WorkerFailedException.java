package dev.kon.worker;

import dev.kon.KonException;

/**
 * Why a worker stopped on its own: an error of the virtual machine on one of its threads, or a task that would not
 * stop. The worker has abandoned what it held (other workers take it over after the lease); its owner should
 * replace it. See {@link Worker#onFailure}.
 */
public final class WorkerFailedException extends KonException {
    private final String workerId;

    WorkerFailedException(String workerId, String why, Throwable cause) {
        super("worker " + workerId + " failed: " + why, cause);
        this.workerId = workerId;
    }

    public String workerId() {
        return workerId;
    }
}
