package dev.kon.client;

import dev.kon.Backend;
import dev.kon.KonException;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a run: makes the run's reply queue, submits the tasks, collects one result per task, and
 * reports. Written against {@link Backend} only, so the same client drives local mode and the cloud.
 */
public final class RunClient {
    private static final Logger LOG = LoggerFactory.getLogger(RunClient.class);
    /** Sender threads of a submission. */
    public static final int SENDERS = 4;
    /** Receiving threads of a collector. */
    public static final int RECEIVERS = 4;
    private final Backend backend;
    private final int maxWaiting;

    /** A client for a remote backend: submission never waits for the queue to drain. */
    public RunClient(Backend backend) {
        this(backend, 0);
    }

    /**
     * @param maxWaiting for an in-memory backend: most messages left waiting on the task queue before submission
     *                   pauses, so memory holds a window of the workload, not all of it (0 = no limit)
     */
    public RunClient(Backend backend, int maxWaiting) {
        this.backend = backend;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Runs {@code req} to the end (or its timeout). {@code sink} hears each result once; {@code archive} keeps
     * result bodies before they are deleted from the queue (pass {@code b -> {}} when the run need not survive
     * this process).
     */
    public RunReport run(String runId, RunRequest req, ResultSink sink, Consumer<List<ResultBatch>> archive,
            RunListener listener) throws InterruptedException {
        TaskQueue tasks = backend.queues().open(req.taskQueue());
        RunSpec spec = RunSpec.create(runId, req.effectiveBundleSize()).withTimeLimit(req.timeLimit());
        TaskQueue replies = backend.queues().create(QueueSpec.of(spec.replyQueue()));
        LargeBodies bodies = new LargeBodies(backend.blobs(), tasks.limits());
        listener.started(spec, req.taskCount());
        Submitter submitter = new Submitter(tasks, bodies, SENDERS, maxWaiting);
        long start = System.nanoTime();
        RunReport report;
        // One receiver is enough for a request of a few tasks; more only add idle long polls.
        int receivers = (int) Math.max(1, Math.min(RECEIVERS, req.taskCount() / 100));
        DeadLetters dead = new DeadLetters(backend.queues(), QueueSpec.deadLetterQueueOf(req.taskQueue()));
        try (Collector collector = new Collector(replies, bodies, dead, req.taskCount(), sink, receivers, archive)) {
            collector.start();
            Iterator<Task> it = req.tasks().get();
            try {
                submitter.submit(spec, it, listener::submitted);
            } finally {
                if (it instanceof AutoCloseable c) {
                    closeQuietly(c);
                }
            }
            Duration elapsed = awaitResults(collector, req.timeout(), listener, start);
            failIfBroken(collector);
            CollectStats stats = collector.stats();
            listener.progress(stats);
            report = new RunReport(runId, stats, elapsed, req.checkTime(), req.workers(), req.sleepMillis());
        }
        // Only after the collector has stopped: a long poll on a deleted queue waits out its timeout.
        if (report.stats().distinct() == report.stats().expected()) {
            cleanUp(spec, submitter.spilledBodies());
        }
        return report;
    }

    /**
     * Collects a run submitted earlier (by a client that may have died): the results kept in its archive first,
     * then the rest from its reply queue. Each task is reported once.
     */
    public RunReport collect(RunManifest run, RunArchive archive, ResultSink sink, Duration timeout,
            RunListener listener) throws InterruptedException {
        TaskQueue replies = backend.queues().open(run.replyQueue());
        LargeBodies bodies = new LargeBodies(backend.blobs(), replies.limits());
        RunSpec spec = new RunSpec(run.runId(), run.replyQueue(), 1);
        listener.started(spec, run.tasks());
        long start = System.nanoTime();
        RunReport report;
        DeadLetters dead = new DeadLetters(backend.queues(), QueueSpec.deadLetterQueueOf(run.taskQueue()));
        try (Collector collector = new Collector(replies, bodies, dead, run.tasks(), sink, RECEIVERS,
                archive::keep)) {
            archive.kept().forEach(collector::replay);
            collector.start();
            Duration elapsed = awaitResults(collector, timeout, listener, start);
            failIfBroken(collector);
            CollectStats stats = collector.stats();
            listener.progress(stats);
            report = new RunReport(run.runId(), stats, elapsed, Duration.ZERO, 0, run.sleepMillis());
        }
        if (report.stats().distinct() == report.stats().expected()) {
            cleanUp(spec, List.of());
        }
        return report;
    }

    /** A collector stopped by an error of the machine (out of memory) ends the run with it, not a report. */
    private static void failIfBroken(Collector collector) {
        collector.failure().ifPresent(e -> {
            throw new KonException("collecting results stopped: " + e, e);
        });
    }

    /** Waits for the results; answers the time from submission start to the last result (or the give-up). */
    static Duration awaitResults(Collector collector, Duration timeout, RunListener listener, long startNanos)
            throws InterruptedException {
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long nextStallNote = 10;
        while (!collector.await(Duration.ofMillis(200))) {
            listener.progress(collector.stats());
            Duration quiet = collector.sinceLastResult();
            if (quiet.toSeconds() >= nextStallNote) {
                listener.stalled(quiet, collector.stats());
                nextStallNote = quiet.toSeconds() + 10;
            } else if (quiet.toSeconds() < 10) {
                nextStallNote = 10;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn("gave up waiting for results after {}s", timeout.toSeconds());
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void cleanUp(RunSpec spec, List<String> spilled) {
        try {
            backend.queues().delete(spec.replyQueue());
            spilled.forEach(backend.blobs()::delete);
        } catch (RuntimeException e) {
            LOG.warn("could not clean up run {}: {}", spec.runId(), e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing the task source failed", e);
        }
    }
}
