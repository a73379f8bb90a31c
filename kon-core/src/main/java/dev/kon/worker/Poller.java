package dev.kon.worker;

import dev.kon.FatalErrors;
import dev.kon.ledger.Claim;
import dev.kon.ledger.HeldClaim;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.LeaseRequest;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one receiving thread: takes as many messages as the prefetch limit leaves room for (long polling),
 * then decodes, screens and claims each, and puts the claimed bundles in hand. Malformed messages go to the
 * dead-letter queue; bundles delivered too often are given up as poison; bundles done before are acknowledged
 * without running; bundles held by a live lease elsewhere are left alone.
 *
 * <p>It runs while the worker accepts bundles. With an idle exit configured, it stops the worker itself after
 * receiving nothing for that long with nothing in hand, and ends.
 *
 * <p>Thread-safety: confined to the poller thread.
 */
final class Poller implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private final WorkerState state;
    private final BundlesInHand inHand;
    private final PrefetchLimit limit;
    private final WorkerConfig cfg;
    private final TaskQueue tasks;
    private final ExecutionLedger ledger;
    private final LargeBodies bodies;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final WorkerFailure failure;
    private final Predicate<String> cancelledRuns;
    private final WorkerEvents events;
    private final long leaseNanos;
    /** True for the poller of the priority queue, which never stops the worker for being idle. */
    private final boolean priority;
    private long lastReceiveNanos = System.nanoTime();

    Poller(WorkerState state, BundlesInHand inHand, PrefetchLimit limit, WorkerConfig cfg, TaskQueue tasks,
            ExecutionLedger ledger, LargeBodies bodies, DeadLetters deadLetters, Clock clock, WorkerFailure failure,
            Predicate<String> cancelledRuns, WorkerEvents events, boolean priority) {
        this.priority = priority;
        this.cancelledRuns = cancelledRuns;
        this.state = state;
        this.inHand = inHand;
        this.limit = limit;
        this.cfg = cfg;
        this.tasks = tasks;
        this.ledger = ledger;
        this.bodies = bodies;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.failure = failure;
        this.events = events;
        this.leaseNanos = cfg.lease().toNanos();
    }

    @Override
    public void run() {
        while (state.accepting()) {
            try {
                poll();
            } catch (InterruptedException e) {
                break;
            } catch (Throwable e) {
                // Not one message's fault (those are dead-lettered in intake): log, pause, go on; fatal errors
                // fail the worker.
                failure.onUnexpected("poller", e);
                backOff();
            }
        }
        if (Thread.interrupted()) {
            LOG.debug("poller interrupted on stop");
        }
    }

    /** One round: room under the limit, receive, intake. */
    private void poll() throws InterruptedException {
        int n = limit.acquireUpTo(tasks.limits().maxBatch());
        List<QueueMessage> got = List.of();
        long t0 = System.nanoTime();
        try {
            got = tasks.receive(n, cfg.pollWait());
            events.received(got.size(), System.nanoTime() - t0);
        } catch (RuntimeException e) {
            if (!state.accepting()) {
                limit.release(n);
                return;
            }
            LOG.warn("receive from '{}' failed, retrying: {}", tasks.name(), e.toString());
            backOff();
        }
        limit.release(n - got.size());
        if (got.isEmpty()) {
            if (!priority && idleTooLong()) {
                LOG.info("nothing received for {}s: stopping", cfg.idleExit().toSeconds());
                state.stopAccepting();
            }
            return;
        }
        lastReceiveNanos = System.nanoTime();
        reportWaits(got);
        int accepted = intake(got);
        limit.release(got.size() - accepted);
        if (LOG.isDebugEnabled()) {
            LOG.debug("received {} of {} asked in {} ms, took in {} in {} ms", got.size(), n,
                    (lastReceiveNanos - t0) / 1_000_000, accepted, (System.nanoTime() - lastReceiveNanos) / 1_000_000);
        }
    }

    /** How long each message waited on the queue, by the queue's clock when it says when it was sent. */
    private void reportWaits(List<QueueMessage> got) {
        long now = -1;
        for (QueueMessage m : got) {
            long sent = m.sentAtMillis();
            if (sent != QueueMessage.SENT_UNKNOWN) {
                if (now < 0) {
                    now = clock.millis();
                }
                // Clocks of the queue and this machine may disagree by a little: never a negative wait.
                events.waited(Math.max(0, now - sent));
            }
        }
    }

    private boolean idleTooLong() {
        return !cfg.idleExit().isZero() && inHand.isEmpty()
                && System.nanoTime() - lastReceiveNanos >= cfg.idleExit().toNanos();
    }

    /**
     * Decodes, screens and claims the received messages (all claims in one ledger call); answers how many became
     * bundle runs, which hold their place under the limit until executed.
     */
    private int intake(List<QueueMessage> got) {
        List<QueueMessage> messages = new ArrayList<>(got.size());
        List<TaskBundle> bundles = new ArrayList<>(got.size());
        List<LeaseRequest> leases = new ArrayList<>(got.size());
        List<QueueMessage> heldHere = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (QueueMessage m : got) {
            try {
                TaskBundle b = m.payload() instanceof TaskBundle tb ? tb
                        : WireCodec.decodeBundle(bodies.resolve(m.body()));
                // A second copy of a bundle this worker already holds (or holds twice in this batch): the ledger
                // would grant the same owner its claim again and the tasks would run twice. Leave the copy; once
                // the first is done, the copy is found done and deleted.
                if (!keys.add(b.bundleId()) || inHand.holds(b.bundleId())) {
                    heldHere.add(m);
                    continue;
                }
                messages.add(m);
                bundles.add(b);
                leases.add(new LeaseRequest(b.bundleId(), state.workerId(), clock.instant().plus(cfg.lease())));
            } catch (Throwable e) {
                // One message must not take the poller down, whatever it makes the decoder throw (a stack
                // overflow on deep nesting included); only the machine's own errors go further.
                if (FatalErrors.isFatal(e)) {
                    throw e;
                }
                if (!state.killed()
                        && deadLetters.move(m, tasks.name(), "malformed body: " + TaskRunner.describe(e))) {
                    acknowledgeQuietly(m);
                }
            }
        }
        hideQuietly(heldHere);
        if (messages.isEmpty()) {
            return 0;
        }
        List<Claim> claims;
        long claimedAt = System.nanoTime();
        try {
            claims = ledger.claimAll(leases);
        } catch (RuntimeException e) {
            LOG.warn("could not claim {} bundles; they will be delivered again: {}", leases.size(), e.toString());
            return 0;
        }
        int accepted = 0;
        int claimed = 0;
        List<QueueMessage> done = new ArrayList<>();
        List<QueueMessage> heldElsewhere = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            QueueMessage m = messages.get(i);
            TaskBundle bundle = bundles.get(i);
            Claim claim = claims.get(i);
            switch (claim.outcome()) {
                case ALREADY_DONE -> done.add(m);
                // Another worker's lease is live (its heartbeat was late and the message reappeared). Leave it:
                // that worker finishes it, or its lease expires and a later delivery is claimed.
                case HELD_BY_OTHER -> heldElsewhere.add(m);
                default -> {
                    claimed++;
                    HeldClaim held = new HeldClaim(bundle.bundleId(), state.workerId(), claim.attempt());
                    if (m.receiveCount() > cfg.maxReceives()) {
                        BundleRun poison = new BundleRun(m, bundle, held, claimedAt, leaseNanos,
                                poisonResults(bundle, m.receiveCount())).from(tasks, priority);
                        poison.pack(tasks.limits());
                        inHand.giveUp(poison);
                    } else if (cancelledRuns.test(bundle.run())) {
                        // Its run was cancelled: answered on receipt, every task failed, nothing run.
                        BundleRun dropped = new BundleRun(m, bundle, held, claimedAt, leaseNanos,
                                failedResults(bundle, "cancelled: the run was cancelled"), false).from(tasks, priority);
                        dropped.pack(tasks.limits());
                        inHand.giveUp(dropped);
                    } else {
                        inHand.accept(new BundleRun(m, bundle, held, claimedAt, leaseNanos).from(tasks, priority));
                        accepted++;
                    }
                }
            }
        }
        if (claimed > 0) {
            events.bundlesClaimed(claimed);
        }
        try {
            if (!done.isEmpty()) {
                tasks.acknowledge(done);
            }
            if (!heldElsewhere.isEmpty()) {
                tasks.extendVisibility(heldElsewhere, cfg.lease());
            }
        } catch (RuntimeException e) {
            LOG.debug("acknowledging or hiding duplicate deliveries failed: {}", e.toString());
        }
        return accepted;
    }

    private void acknowledgeQuietly(QueueMessage m) {
        try {
            tasks.acknowledge(List.of(m));
        } catch (RuntimeException e) {
            // It is on the dead-letter queue already; a copy that comes back is dead-lettered again.
            LOG.warn("deleting dead-lettered message {} failed: {}", m.messageId(), e.toString());
        }
    }

    private void hideQuietly(List<QueueMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            tasks.extendVisibility(messages, cfg.lease());
        } catch (RuntimeException e) {
            LOG.debug("hiding {} duplicate deliveries failed: {}", messages.size(), e.toString());
        }
    }

    private List<TaskResult> poisonResults(TaskBundle bundle, int receives) {
        return failedResults(bundle, "given up after " + receives + " deliveries: the task kept failing its worker "
                + "(killed it, or outlived its lease)");
    }

    private List<TaskResult> failedResults(TaskBundle bundle, String reason) {
        long now = clock.millis();
        List<TaskResult> out = new ArrayList<>(bundle.tasks().size());
        for (Task t : bundle.tasks()) {
            out.add(TaskResult.failed(t.id(), reason, state.workerId(), now));
        }
        return out;
    }

    private void backOff() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
