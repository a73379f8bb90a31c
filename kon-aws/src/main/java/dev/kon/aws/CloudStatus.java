package dev.kon.aws;

import dev.kon.KonException;
import dev.kon.queue.QueueDepth;
import java.util.ArrayList;
import java.util.List;

/**
 * What exists of Kon's cloud resources, and how full the queues are, at one moment (depths are approximate).
 *
 * @param taskQueue       the task queue
 * @param priorityQueue   its priority queue, which requests go to; optional: a deployment provisioned before there
 *                        was one runs without it (requests then share the task queue), so it is not in
 *                        {@link #missing()}
 * @param deadLetterQueue its dead-letter queue; its visible count is the number of dead-lettered messages
 * @param responseQueues  names of the per-run response queues ({@value CloudNames#RESPONSE_QUEUE_PREFIX}...)
 * @param ledgerTable     the ledger table's name and whether it exists
 * @param runsTable       the run registry's table
 * @param workersTable    the worker registry's table
 * @param bucket          the bucket's name and whether it exists
 */
public record CloudStatus(QueueStatus taskQueue, QueueStatus priorityQueue, QueueStatus deadLetterQueue,
                          List<String> responseQueues, Resource ledgerTable, Resource runsTable,
                          Resource workersTable, Resource bucket) {

    public CloudStatus {
        responseQueues = List.copyOf(responseQueues);
    }

    /** A queue: whether it exists and, if so, its depth (else {@code null}). */
    public record QueueStatus(String name, boolean exists, QueueDepth depth) {
    }

    /** A table or bucket: whether it exists. */
    public record Resource(String name, boolean exists) {
    }

    /** Messages dead-lettered so far (0 when the dead-letter queue is missing). */
    public long deadLettered() {
        return deadLetterQueue.exists() ? deadLetterQueue.depth().total() : 0;
    }

    /** True when the task queue, its dead-letter queue (not necessarily the priority queue), the three tables and the bucket all exist. */
    public boolean ready() {
        return missing().isEmpty();
    }

    /** Descriptions of the resources that do not exist, e.g. "queue 'kon-tasks'". */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!taskQueue.exists()) {
            missing.add("queue '" + taskQueue.name() + "'");
        }
        if (!deadLetterQueue.exists()) {
            missing.add("queue '" + deadLetterQueue.name() + "'");
        }
        if (!ledgerTable.exists()) {
            missing.add("table '" + ledgerTable.name() + "'");
        }
        if (!runsTable.exists()) {
            missing.add("table '" + runsTable.name() + "'");
        }
        if (!workersTable.exists()) {
            missing.add("table '" + workersTable.name() + "'");
        }
        if (!bucket.exists()) {
            missing.add("bucket '" + bucket.name() + "'");
        }
        return missing;
    }

    /** Throws, naming what is missing and what to run, unless {@link #ready()}. */
    public CloudStatus requireReady() {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new KonException(String.join(", ", missing) + (missing.size() == 1 ? " does" : " do")
                    + " not exist: run 'kon cloud provision'");
        }
        return this;
    }
}
