package dev.kon.client;

import dev.kon.Backend;
import dev.kon.FatalErrors;
import dev.kon.KonException;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run whose tasks come from an iterator of unknown length and whose results are taken one at a time as they
 * arrive: the client path of the library API. One thread pulls tasks, packs bundles and sends them in batch calls;
 * the run's reply queue is read as for {@code kon submit} ({@link ReplyReader}, {@link ResultTally}).
 *
 * <p>Back-pressure: a task is pulled from the source only with a permit of the run's window, and the permit comes
 * back when its result is taken ({@link #take}). So tasks pulled but not sent, messages on an in-memory queue and
 * results not yet taken together never exceed {@code window} tasks, however long the source is; a caller that
 * stops taking results stops the submission. When no permit is free the tasks held are sent at once, so a window
 * smaller than a bundle or a batch cannot wait on itself. What grows with the run is the set of task ids seen (a
 * bit per task, 1.25 MB for ten million).
 *
 * <p>The run is recorded in the run registry (its task count is 0 there until every task is sent), so {@code kon
 * runs} and {@code kon status} show it, and {@link #cancel} (like {@code kon cancel}) stops it.
 *
 * <p>Thread-safety: {@link #take} from one thread at a time; the rest from any thread. Failure behaviour: when a
 * batch cannot be sent after the queue's retries, submission stops; the results of the tasks sent before are
 * still delivered, then {@link #take} throws the failure. A reader stopped by an error of the machine ends the run
 * with a {@link KonException} from {@link #take}.
 */
public final class StreamingRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingRun.class);
    /** Room left in a body for the envelope around the tasks. */
    private static final int ENVELOPE = 512;
    private static final int RECEIVERS = 2;
    private static final long PERMIT_POLL_MS = 100;

    /**
     * How a streaming run is sent.
     *
     * @param taskQueue  the queue workers take tasks from
     * @param bundleSize most tasks per message, 1..{@value RunSpec#MAX_BUNDLE}
     * @param window     most tasks pulled from the source and not yet taken as results, at least 1
     * @param timeLimit  the time limit of one attempt of each task, or null for each task type's own
     * @param workload   what the run is, for the run registry (a few words)
     */
    public record Options(String taskQueue, int bundleSize, int window, Duration timeLimit, String workload) {
        public Options {
            Objects.requireNonNull(taskQueue, "taskQueue");
            Objects.requireNonNull(workload, "workload");
            if (bundleSize < 1 || bundleSize > RunSpec.MAX_BUNDLE) {
                throw new IllegalArgumentException("bundleSize must be 1.." + RunSpec.MAX_BUNDLE + " tasks, was "
                        + bundleSize);
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be >= 1 tasks, was " + window);
            }
        }
    }

    /**
     * How far a run is.
     *
     * @param sent      tasks on the task queue
     * @param allSent   true once the source is exhausted (or submission stopped)
     * @param received  distinct results received
     * @param succeeded of those, successes
     * @param failed    of those, failures
     * @param taken     results handed to the caller
     */
    public record Progress(long sent, boolean allSent, long received, long succeeded, long failed, long taken) {
    }

    private final Backend backend;
    private final RunSpec spec;
    private final Options options;
    private final TaskQueue tasks;
    private final TaskQueue replies;
    private final BundleSender sender;
    private final ResultTally tally;
    private final ReplyReader reader;
    private final RunRecorder record;
    private final Semaphore window;
    private final LinkedBlockingQueue<TaskResult> arrived = new LinkedBlockingQueue<>();
    private final List<String> spilled = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong taken = new AtomicLong();
    private final Iterator<Task> source;
    private final Thread submitting;
    private volatile long sent;
    private volatile boolean allSent;
    private volatile boolean stopping;
    private volatile boolean closed;
    private boolean closing;
    private final Clock clock;
    private volatile Throwable submitFailure;
    private boolean recordedDone;

    private StreamingRun(Backend backend, Options options, Iterator<Task> source, Clock clock) {
        this.backend = backend;
        this.options = options;
        this.source = source;
        this.clock = clock;
        this.tasks = backend.queues().open(options.taskQueue());
        String runId = RunSpec.newRunId();
        this.spec = RunSpec.create(runId, options.bundleSize()).withTimeLimit(options.timeLimit());
        this.replies = backend.queues().create(QueueSpec.of(spec.replyQueue()));
        LargeBodies bodies = new LargeBodies(backend.blobs(), tasks.limits());
        this.sender = new BundleSender(tasks, bodies);
        this.window = new Semaphore(options.window());
        this.tally = new ResultTally(Long.MAX_VALUE, null, arrived::add);
        DeadLetters dead = new DeadLetters(backend.queues(), QueueSpec.deadLetterQueueOf(tasks.name()));
        this.reader = new ReplyReader(replies, bodies, dead, run -> run.equals(runId) ? tally : null, b -> { },
                RECEIVERS, RunClient.POLL_WAIT, RunClient.RETRY_PAUSE, runId + "-close", () -> { });
        this.record = new RunRecorder(backend.runs(), clock, runId);
        this.submitting = new Thread(this::submitLoop, "kon-run-submit-" + runId);
        this.submitting.setDaemon(true);
    }

    /**
     * Makes the run's reply queue, records the run and starts sending {@code source}'s tasks (task ids must be
     * unique within the run). Close the run.
     *
     * @throws dev.kon.queue.QueueNotFoundException when the task queue does not exist (nothing is made then)
     */
    public static StreamingRun start(Backend backend, Options options, Iterator<Task> source, Clock clock) {
        StreamingRun run = new StreamingRun(backend, options, source, clock);
        run.record.register(new RunRequest(options.taskQueue(), Collections::emptyIterator, 0, -1, 0,
                options.bundleSize(), Duration.ZERO, Duration.ZERO).withWorkload(options.workload()));
        run.reader.start();
        run.submitting.start();
        return run;
    }

    public String runId() {
        return spec.runId();
    }

    public Progress progress() {
        CollectStats s = tally.stats();
        return new Progress(sent, allSent, s.distinct(), s.succeeded(), s.failed(), taken.get());
    }

    /**
     * The next result, waiting for it; null once every sent task's result has been taken (or the run was
     * closed).
     *
     * @throws KonException when submission stopped on an error (after the results of the tasks sent before it),
     *                      or reading results stopped on an error of the machine
     */
    public TaskResult take() throws InterruptedException {
        while (true) {
            TaskResult r = arrived.poll(PERMIT_POLL_MS, TimeUnit.MILLISECONDS);
            if (r != null) {
                taken.incrementAndGet();
                window.release();
                return r;
            }
            Throwable broken = reader.failure();
            if (broken != null) {
                throw new KonException("run " + spec.runId() + ": reading results stopped: " + broken, broken);
            }
            if (closed) {
                return null;
            }
            // allSent is read before sent: sent is final by the time allSent is true.
            if (allSent && taken.get() >= sent && arrived.isEmpty()) {
                Throwable failed = submitFailure;
                if (failed != null) {
                    throw new KonException("run " + spec.runId() + ": submitting stopped after " + sent
                            + " tasks: " + failed, failed);
                }
                recordDone();
                return null;
            }
        }
    }

    private synchronized void recordDone() {
        if (!recordedDone) {
            recordedDone = true;
            if (!record.cancelled()) {
                record.done();
            }
        }
    }

    /**
     * Marks the run cancelled in the run registry and stops pulling tasks: workers answer the tasks sent with
     * failures ("cancelled"), which {@link #take} still hands over.
     *
     * @return true when the run moved to cancelled; false when it had ended already (or the registry is down)
     */
    public boolean cancel() {
        stopping = true;
        try {
            return backend.runs().cancel(spec.runId(), clock.instant());
        } catch (KonException e) {
            LOG.warn("could not cancel run {} in the run registry: {}", spec.runId(), e.getMessage());
        }
        return false;
    }

    private void submitLoop() {
        List<Task> current = new ArrayList<>(options.bundleSize());
        List<TaskBundle> batch = new ArrayList<>();
        int currentBytes = ENVELOPE;
        int maxBody = tasks.limits().maxBodyBytes();
        int maxBatch = tasks.limits().maxBatch();
        long bundles = 0;
        try {
            pulling:
            while (!stopping && source.hasNext()) {
                Task t = source.next();
                if (!window.tryAcquire()) {
                    // Nothing more may be pulled until results are taken: what is held must go out, or the
                    // results that free the window would never come.
                    if (!current.isEmpty()) {
                        batch.add(BundleSender.bundle(spec, ++bundles, current));
                        current = new ArrayList<>(options.bundleSize());
                        currentBytes = ENVELOPE;
                    }
                    sendBatch(batch);
                    while (!window.tryAcquire(PERMIT_POLL_MS, TimeUnit.MILLISECONDS)) {
                        if (stopping) {
                            break pulling;
                        }
                    }
                }
                int size = WireCodec.encodedSize(t) + 1;
                if (!current.isEmpty() && currentBytes + size > maxBody) {
                    batch.add(BundleSender.bundle(spec, ++bundles, current));
                    current = new ArrayList<>(options.bundleSize());
                    currentBytes = ENVELOPE;
                }
                current.add(t);
                currentBytes += size;
                if (current.size() == options.bundleSize()) {
                    batch.add(BundleSender.bundle(spec, ++bundles, current));
                    current = new ArrayList<>(options.bundleSize());
                    currentBytes = ENVELOPE;
                }
                if (batch.size() >= maxBatch) {
                    sendBatch(batch);
                }
            }
            if (!stopping && !current.isEmpty()) {
                batch.add(BundleSender.bundle(spec, ++bundles, current));
            }
            if (!stopping) {
                sendBatch(batch);
            }
        } catch (InterruptedException e) {
            submitFailure = e;
        } catch (Throwable e) {
            submitFailure = e;
            LOG.warn("run {}: submitting stopped after {} tasks: {}", spec.runId(), sent, e.toString());
            if (FatalErrors.isFatal(e)) {
                throw (Error) e;
            }
        } finally {
            record.submitted(new SubmitStats(sent, bundles));
            allSent = true;
        }
    }

    /** Bundles sent so far, in order: all of them are on the queue once {@link #sendBatch} returns. */
    private long bundlesSent;

    private void sendBatch(List<TaskBundle> batch) {
        if (batch.isEmpty()) {
            return;
        }
        sender.send(batch, spilled::add);
        long n = 0;
        for (TaskBundle b : batch) {
            n += b.tasks().size();
        }
        sent += n;
        bundlesSent += batch.size();
        record.confirmed(bundlesSent, sent);
        batch.clear();
    }

    /**
     * Ends the run: a run not yet answered in full is cancelled first (workers stop its tasks), then sending
     * stops, the reply queue is deleted with the task bodies that went through the blob store, and a waiting
     * {@link #take} returns null. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        Progress p = progress();
        if (!p.allSent() || p.received() < p.sent()) {
            cancel();
        }
        stopping = true;
        try {
            submitting.join(TimeUnit.SECONDS.toMillis(5));
            if (submitting.isAlive()) {
                // Blocked in the caller's source, or in a send: the source is the caller's to end.
                submitting.interrupt();
                submitting.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        reader.close();
        try {
            backend.queues().delete(replies.name());
        } catch (RuntimeException e) {
            LOG.warn("could not delete the reply queue '{}'; 'kon cloud teardown' deletes it: {}", replies.name(),
                    e.toString());
        }
        for (String key : List.copyOf(spilled)) {
            try {
                backend.blobs().delete(key);
            } catch (RuntimeException e) {
                LOG.warn("could not delete the task body {}: {}", key, e.toString());
            }
        }
    }
}
