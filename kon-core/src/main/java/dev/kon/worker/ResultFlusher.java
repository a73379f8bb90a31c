package dev.kon.worker;

import dev.kon.FatalErrors;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.Completion;
import dev.kon.queue.BatchResult;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.BatchSender;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueNotFoundException;
import dev.kon.queue.QueueService;
import dev.kon.queue.TaskQueue;
import dev.kon.runs.RunRegistry;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.util.UUID;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one finishing thread. For the bundles whose tasks have all run, in this order: post the results
 * on each run's reply queue (packed into few messages and batch calls), mark the bundles done in the ledger, and
 * only then delete their task messages. A crash anywhere in between leaves the message to come back: after the
 * results are posted it comes back as done and is deleted without running; before, it runs again and the client
 * drops the duplicate results. Nothing is lost.
 *
 * <p>It takes the bundles from those in hand and releases each when done with it, whatever the outcome. It ends
 * when the worker is killed, or once the poller has ended and nothing is left in hand.
 *
 * <p>Thread-safety: confined to the flusher thread.
 */
final class ResultFlusher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultFlusher.class);
    private static final int MAX_RUNS_PER_ROUND = 256;
    /** Reply queues kept open; a run whose queue fell out is opened again (one lookup). */
    static final int MAX_REPLY_QUEUES = 64;
    private final WorkerState state;
    private final BundlesInHand bundles;
    private final WorkerConfig cfg;
    private final QueueService queues;
    private final TaskQueue tasks;
    private final ExecutionLedger ledger;
    private final LargeBodies bodies;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final TaskSlots slots;
    private final WorkerFailure failure;
    private final long postMarginNanos;
    private final FailureKeeper failureKeeper;
    /** Reply queues opened lately, most recently used last; bounded, as a long-lived worker serves many runs. */
    private final Map<String, TaskQueue> replyQueues = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TaskQueue> eldest) {
                    return size() > MAX_REPLY_QUEUES;
                }
            });

    ResultFlusher(WorkerState state, BundlesInHand bundles, WorkerConfig cfg, QueueService queues, TaskQueue tasks,
            ExecutionLedger ledger, LargeBodies bodies, DeadLetters deadLetters, Clock clock, TaskSlots slots,
            WorkerFailure failure, RunRegistry runs) {
        this.state = state;
        this.bundles = bundles;
        this.cfg = cfg;
        this.queues = queues;
        this.tasks = tasks;
        this.ledger = ledger;
        this.bodies = bodies;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.slots = slots;
        this.failure = failure;
        this.postMarginNanos = postMargin(cfg);
        this.failureKeeper = new FailureKeeper(runs);
    }

    /**
     * Results are posted only while more than this is left of the lease: a quarter of it, so one missed renewal
     * (the heartbeat beats every third) does not cost a bundle its results.
     */
    static long postMargin(WorkerConfig cfg) {
        return cfg.lease().toNanos() / 4;
    }

    @Override
    public void run() {
        List<BundleRun> round = new ArrayList<>();
        while (!state.killed()) {
            try {
                BundleRun first = bundles.nextToFlush(100);
                if (first == null) {
                    if (state.intakeEnded() && bundles.isEmpty()) {
                        return;
                    }
                    continue;
                }
                round.add(first);
                bundles.drainToFlush(round, MAX_RUNS_PER_ROUND - 1);
                flush(round);
            } catch (InterruptedException e) {
                if (state.killed()) {
                    return;
                }
            } catch (Throwable e) {
                if (FatalErrors.isFatal(e)) {
                    failure.onUnexpected("flusher", e);
                    return;
                }
                LOG.error("flushing {} bundles failed; their messages will be delivered again", round.size(), e);
                round.forEach(bundles::release);
            }
            round.clear();
        }
    }

    private void flush(List<BundleRun> round) {
        long t0 = System.nanoTime();
        try {
            postCompleteAcknowledge(round);
        } finally {
            if (LOG.isDebugEnabled()) {
                LOG.debug("flushed {} bundles in {} ms", round.size(), (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    private void postCompleteAcknowledge(List<BundleRun> round) {
        Map<String, List<BundleRun>> byReply = new LinkedHashMap<>();
        long now = System.nanoTime();
        for (BundleRun r : round) {
            // Fencing: results go out only while the lease has a margin left, so they cannot reach the client
            // after another worker has taken the bundle over, unless this process freezes for longer than the
            // margin between here and the send.
            if (!r.cancelled() && r.leaseEndsWithin(postMarginNanos, now)) {
                slots.cancel(r, "too little of its lease was left to post its results");
            }
            if (r.cancelled()) {
                LOG.info("bundle {} given up here ({}); its message comes back for another worker", r.key(),
                        r.cancelReason());
                bundles.release(r);
            } else {
                byReply.computeIfAbsent(r.bundle.replyQueue(), k -> new ArrayList<>()).add(r);
            }
        }
        // Failures are kept before their results go out: a client that has heard of a failure (its run over, say)
        // finds it with 'kon failures' at once.
        byReply.values().forEach(failureKeeper::keep);
        List<BundleRun> posted = new ArrayList<>();
        for (Map.Entry<String, List<BundleRun>> e : byReply.entrySet()) {
            if (post(e.getKey(), e.getValue())) {
                posted.addAll(e.getValue());
            } else {
                e.getValue().forEach(bundles::release);
            }
        }
        List<BundleRun> toDelete = new ArrayList<>();
        if (state.killed()) {
            return;
        }
        posted.forEach(BundleRun::markFinishing);
        List<BundleRun> completing = new ArrayList<>(posted.size());
        for (BundleRun r : posted) {
            // A poison bundle is kept on the dead-letter queue before it is completed as dead-lettered (counted,
            // but free for a redriven copy to run) and deleted; if the move fails it stays where it is, running,
            // and is given up again at its next delivery.
            if (!r.poison || deadLetters.move(r.message, sourceOf(r).name(), "given up after "
                    + r.message.receiveCount() + " deliveries: the task kept failing its worker (killed it, or "
                    + "outlived its lease)")) {
                completing.add(r);
            }
        }
        List<Completion> claims = new ArrayList<>(completing.size());
        completing.forEach(r -> claims.add(r.completion()));
        List<Boolean> completed = claims.isEmpty() ? List.of()
                : ledger.completeAllIfOwnedBy(claims, clock.instant().plus(cfg.doneRetention()));
        for (int i = 0; i < completing.size(); i++) {
            BundleRun r = completing.get(i);
            if (completed.get(i)) {
                toDelete.add(r);
            } else {
                LOG.info("bundle {} was taken over by another worker; leaving its message to that worker", r.key());
            }
        }
        acknowledgeRuns(toDelete);
        posted.forEach(bundles::release);
    }

    /**
     * Posts the results of these runs to one reply queue; false if they could not all be posted. A reply queue
     * that no longer exists (the client finished, or gave up and deleted it) takes nothing, and answers true: the
     * bundles are completed all the same, so their counts reach the run's record and their messages do not come
     * back to be run again for nobody.
     */
    private boolean post(String reply, List<BundleRun> runs) {
        TaskQueue q;
        try {
            q = replyQueues.computeIfAbsent(reply, queues::open);
        } catch (QueueNotFoundException e) {
            return replyQueueGone(reply, runs);
        }
        List<ResultBatch> batches = new ArrayList<>();
        for (BundleRun r : runs) {
            batches.addAll(r.resultBatches());
        }
        // A single result larger than a message (a huge output) travels through the blob store.
        if (BatchSender.sendAll(q, batches,
                b -> bodies.spillIfLarge(WireCodec.encodeResults(b), b.run() + "/results-" + UUID.randomUUID()))) {
            return true;
        }
        // The queue may have been deleted since it was opened: then no later try would post either.
        replyQueues.remove(reply);
        try {
            return queues.find(reply).isEmpty() && replyQueueGone(reply, runs);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean replyQueueGone(String reply, List<BundleRun> runs) {
        LOG.info("reply queue '{}' no longer exists: {} bundle(s) of run {} are counted in the run's record only",
                reply, runs.size(), runs.get(0).bundle.run());
        return true;
    }

    private TaskQueue sourceOf(BundleRun r) {
        return r.source() != null ? r.source() : tasks;
    }

    /** Deletes the messages of these runs, each from the queue it came from. */
    private void acknowledgeRuns(List<BundleRun> runs) {
        Map<TaskQueue, List<QueueMessage>> bySource = new LinkedHashMap<>();
        for (BundleRun r : runs) {
            bySource.computeIfAbsent(sourceOf(r), q -> new ArrayList<>()).add(r.message);
        }
        bySource.forEach(this::acknowledge);
    }

    private void acknowledge(TaskQueue tasks, List<QueueMessage> messages) {
        int max = tasks.limits().maxBatch();
        for (int i = 0; i < messages.size(); i += max) {
            List<QueueMessage> batch = messages.subList(i, Math.min(messages.size(), i + max));
            try {
                BatchResult r = tasks.acknowledge(batch);
                for (BatchResult.Failure f : r.failures()) {
                    // Harmless: the message comes back, is found done in the ledger, and is deleted then.
                    LOG.debug("delete of {} failed: {}", batch.get(f.index()).messageId(), f.reason());
                }
            } catch (RuntimeException e) {
                LOG.warn("deleting {} task messages failed; they will come back as done: {}", batch.size(), e.toString());
            }
        }
    }
}
