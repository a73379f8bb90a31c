package dev.kon.client;

import dev.kon.Backend;
import dev.kon.KonException;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.runs.RunRecord;
import dev.kon.task.Task;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import java.time.Clock;
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
    /** Threads reading a run's reply queue. */
    public static final int RECEIVERS = 4;
    /** Long-poll wait of one receive of a run's results; closing ends it sooner. */
    static final Duration POLL_WAIT = Duration.ofSeconds(1);
    /** Pause after a failed receive. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    /** How often a waiting run tells its listener the progress. */
    static final Duration PROGRESS_EVERY = Duration.ofMillis(200);
    private final Backend backend;
    private final int maxWaiting;
    private final Clock clock;

    /** A client for a remote backend: submission never waits for the queue to drain. */
    public RunClient(Backend backend) {
        this(backend, 0);
    }

    /**
     * @param maxWaiting for an in-memory backend: most messages left waiting on the task queue before submission
     *                   pauses, so memory holds a window of the workload, not all of it (0 = no limit)
     */
    public RunClient(Backend backend, int maxWaiting) {
        this(backend, maxWaiting, Clock.systemUTC());
    }

    /** @param clock what the run registry's records are timed by */
    public RunClient(Backend backend, int maxWaiting, Clock clock) {
        this.backend = backend;
        this.maxWaiting = maxWaiting;
        this.clock = clock;
    }

    /**
     * Runs {@code req} to the end (or its timeout). {@code sink} hears each result once; {@code archive} keeps
     * result bodies before they are deleted from the queue (pass {@code b -> {}} when the run need not survive
     * this process).
     */
    public RunReport run(String runId, RunRequest req, ResultSink sink, Consumer<List<ResultBatch>> archive,
            RunListener listener) throws InterruptedException {
        return submitAndCollect(runId, req, null, List.of(), sink, archive, listener);
    }

    /**
     * Goes on with a run whose submitting stopped part-way (its client was killed while sending): sends the
     * bundles after those its record says are on the queue, then collects every result, those its archive kept
     * first. {@code req} must yield the same tasks as the first submission (the caller checks the workload's
     * fingerprint) and pack them the same way, so the bundles get the same ids: a bundle sent twice (sent before
     * but not yet recorded as sent) is run once, as the ledger answers its second delivery as done or held.
     *
     * @param run the run's record, in state {@link dev.kon.runs.RunState#SUBMITTING}
     * @throws IllegalArgumentException when {@code req} packs its tasks in other bundles than the run did
     */
    public RunReport resume(RunRecord run, RunRequest req, RunArchive archive, ResultSink sink, RunListener listener)
            throws InterruptedException {
        if (run.origin().bundleSize() != req.effectiveBundleSize()) {
            throw new IllegalArgumentException("run " + run.runId() + " was packed in bundles of "
                    + run.origin().bundleSize() + " tasks, this submission in " + req.effectiveBundleSize());
        }
        return submitAndCollect(run.runId(), req, run, archive.kept(), sink, archive::keep, listener);
    }

    /** Submits the tasks (after those {@code resumed} sent) and collects the results; {@code kept} first. */
    private RunReport submitAndCollect(String runId, RunRequest req, RunRecord resumed, List<ResultBatch> kept,
            ResultSink sink, Consumer<List<ResultBatch>> archive, RunListener listener) throws InterruptedException {
        TaskQueue tasks = backend.queues().open(req.taskQueue());
        RunSpec spec = RunSpec.create(runId, req.effectiveBundleSize()).withTimeLimit(req.timeLimit());
        TaskQueue replies = backend.queues().create(QueueSpec.of(spec.replyQueue()));
        LargeBodies bodies = new LargeBodies(backend.blobs(), tasks.limits());
        RunRecorder record = new RunRecorder(backend.runs(), clock, runId);
        long skip = 0;
        if (resumed == null) {
            record.register(req);
        } else {
            skip = resumed.bundles();
            record.resumedAt(resumed.bundles(), resumed.sent());
        }
        listener.started(spec, req.taskCount());
        Submitter submitter = new Submitter(tasks, bodies, SENDERS, maxWaiting);
        long start = System.nanoTime();
        RunReport report;
        // One reader is enough for a request of a few tasks, and for an in-memory queue (a receive there is a few
        // pointer moves, not a round trip); more only add idle long polls, and threads woken for each message.
        int receivers = maxWaiting > 0 ? 1 : (int) Math.max(1, Math.min(RECEIVERS, req.taskCount() / 100));
        FailureSample failures = new FailureSample(sink);
        ResultTally tally = new ResultTally(req.taskCount(), null, failures);
        kept.forEach(b -> tally.take(b.results()));
        try (ReplyReader reader = reader(replies, bodies, req.taskQueue(), spec.runId(), tally, archive, receivers)) {
            reader.start();
            Iterator<Task> it = req.tasks().get();
            try {
                SubmitStats sent = submitter.submit(spec, it, skip, listener::submitted, record::confirmed);
                record.submitted(sent);
            } finally {
                if (it instanceof AutoCloseable c) {
                    closeQuietly(c);
                }
            }
            tally.awaitReporting(req.timeout(), PROGRESS_EVERY, listener, () -> false);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            failIfBroken(reader);
            tally.unreadable((int) reader.unreadable());
            report = new RunReport(runId, tally.stats(), elapsed, req.checkTime(), req.workers(), req.sleepMillis())
                    .withFailures(failures.first());
            if (record.cancelled()) {
                report = report.asCancelled();
            } else if (tally.complete()) {
                record.done();
            }
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
        FailureSample failures = new FailureSample(sink);
        ResultTally tally = new ResultTally(run.tasks(), null, failures);
        archive.kept().forEach(b -> tally.take(b.results()));
        try (ReplyReader reader = reader(replies, bodies, run.taskQueue(), run.runId(), tally, archive::keep,
                RECEIVERS)) {
            reader.start();
            tally.awaitReporting(timeout, PROGRESS_EVERY, listener, () -> false);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            failIfBroken(reader);
            tally.unreadable((int) reader.unreadable());
            report = new RunReport(run.runId(), tally.stats(), elapsed, Duration.ZERO, 0, run.sleepMillis())
                    .withFailures(failures.first());
            RunRecorder record = new RunRecorder(backend.runs(), clock, run.runId());
            if (record.cancelled()) {
                report = report.asCancelled();
            } else if (tally.complete()) {
                record.done();
            }
        }
        if (report.stats().distinct() == report.stats().expected()) {
            cleanUp(spec, List.of());
        }
        return report;
    }

    /** The reader of a run's own reply queue: every result there is the run's. */
    private ReplyReader reader(TaskQueue replies, LargeBodies bodies, String taskQueue, String runId,
            ResultTally tally, Consumer<List<ResultBatch>> archive, int threads) {
        DeadLetters dead = new DeadLetters(backend.queues(), QueueSpec.deadLetterQueueOf(taskQueue));
        return new ReplyReader(replies, bodies, dead, run -> run.equals(runId) ? tally : null, archive, threads,
                POLL_WAIT, RETRY_PAUSE, runId + "-close", tally::abandon);
    }

    /** A reader stopped by an error of the machine (out of memory) ends the run with it, not a report. */
    private static void failIfBroken(ReplyReader reader) {
        Throwable e = reader.failure();
        if (e != null) {
            throw new KonException("collecting results stopped: " + e, e);
        }
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
