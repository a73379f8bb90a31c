package dev.kon.worker;

import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.LeaseRequest;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every third of the lease, keeps each bundle in hand hidden on the queue and its ledger claim alive, so a long
 * task is not delivered to another worker. A bundle whose claim turns out lost (this worker stalled past its
 * lease and another claimed it) is cancelled here.
 */
final class LeaseHeartbeat implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);
    private final Worker worker;
    private final WorkerConfig cfg;
    private final TaskQueue tasks;
    private final ExecutionLedger ledger;
    private final Clock clock;

    LeaseHeartbeat(Worker worker, WorkerConfig cfg, TaskQueue tasks, ExecutionLedger ledger, Clock clock) {
        this.worker = worker;
        this.cfg = cfg;
        this.tasks = tasks;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void run() {
        if (worker.killed()) {
            return;
        }
        try {
            beat(worker.liveRuns());
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed; retrying at the next beat: {}", e.toString());
        }
    }

    private void beat(Collection<BundleRun> runs) {
        List<QueueMessage> batch = new ArrayList<>();
        for (BundleRun r : runs) {
            if (r.cancelled() || r.isFinishing()) {
                continue;
            }
            boolean held = ledger.renew(new LeaseRequest(r.key(), worker.id(), clock.instant().plus(cfg.lease())));
            if (!held) {
                LOG.warn("lost the lease of bundle {} to another worker; cancelling it here", r.key());
                r.cancel();
                continue;
            }
            batch.add(r.message);
            if (batch.size() == tasks.limits().maxBatch()) {
                tasks.extendVisibility(batch, cfg.lease());
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            tasks.extendVisibility(batch, cfg.lease());
        }
    }
}
