package dev.kon.worker;

import dev.kon.ledger.ExecutionLedger;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every third of the lease, keeps each bundle in hand hidden on the queue and its ledger claim alive, so a long
 * task is not delivered to another worker. A bundle whose claim turns out lost (another worker claimed it after
 * its lease ran out), or whose lease already ran out here before it could be renewed, is cancelled: its running
 * tasks are interrupted and its results dropped. A renewal that fails (the ledger cannot be reached) is tried again
 * at the next beat; if none succeeds before the lease ends, the {@link Fence} cancels the bundle.
 *
 * <p>Thread-safety: run by one scheduler thread; it reads the bundles in hand and the task slots, both thread-safe.
 */
final class LeaseHeartbeat implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);
    private final Supplier<Collection<BundleRun>> inHand;
    private final TaskSlots slots;
    private final WorkerConfig cfg;
    private final TaskQueue tasks;
    private final ExecutionLedger ledger;
    private final Clock clock;
    private final WorkerFailure failure;
    private final WorkerEvents events;

    LeaseHeartbeat(Supplier<Collection<BundleRun>> inHand, TaskSlots slots, WorkerConfig cfg, TaskQueue tasks,
            ExecutionLedger ledger, Clock clock, WorkerFailure failure, WorkerEvents events) {
        this.inHand = inHand;
        this.slots = slots;
        this.cfg = cfg;
        this.tasks = tasks;
        this.ledger = ledger;
        this.clock = clock;
        this.failure = failure;
        this.events = events;
    }

    @Override
    public void run() {
        try {
            beat(inHand.get());
        } catch (Throwable e) {
            // A scheduled task that throws is never run again: nothing may escape.
            failure.onUnexpected("heartbeat", e);
        }
    }

    private void beat(Collection<BundleRun> runs) {
        // Messages from the task queue and from its priority queue are hidden on their own queues.
        java.util.Map<TaskQueue, List<QueueMessage>> batches = new java.util.HashMap<>();
        for (BundleRun r : runs) {
            if (r.cancelled() || r.isFinishing()) {
                continue;
            }
            long asked = System.nanoTime();
            if (r.leaseRunningOut(asked)) {
                // Renewing now could succeed (no one else claimed it yet), but the promise is that a bundle stops
                // once its lease has run out unrenewed, whatever the ledger's clock says.
                if (slots.cancel(r, "its lease ran out before it could be renewed")) {
                    events.leaseLost(WorkerEvents.LeaseLoss.RAN_OUT);
                }
                continue;
            }
            boolean held;
            try {
                held = ledger.renew(r.claim, clock.instant().plus(cfg.lease()));
            } catch (RuntimeException e) {
                LOG.warn("renewing the lease of bundle {} failed; retrying at the next beat: {}", r.key(),
                        e.toString());
                continue;
            }
            if (!held) {
                if (slots.cancel(r, "it lost its lease to another worker")) {
                    events.leaseLost(WorkerEvents.LeaseLoss.TAKEN_OVER);
                    LOG.warn("lost the lease of bundle {} to another worker; stopping it here", r.key());
                }
                continue;
            }
            r.extendLease(asked);
            events.leaseRenewed();
            TaskQueue source = r.source() != null ? r.source() : tasks;
            List<QueueMessage> batch = batches.computeIfAbsent(source, q -> new ArrayList<>());
            batch.add(r.message);
            if (batch.size() == source.limits().maxBatch()) {
                hide(source, batch);
                batches.remove(source);
            }
        }
        batches.forEach(this::hide);
    }

    private void hide(TaskQueue queue, List<QueueMessage> batch) {
        try {
            queue.extendVisibility(batch, cfg.lease());
        } catch (RuntimeException e) {
            LOG.warn("keeping {} task messages hidden failed; retrying at the next beat: {}", batch.size(),
                    e.toString());
        }
    }
}
