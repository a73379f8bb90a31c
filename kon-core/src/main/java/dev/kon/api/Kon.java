package dev.kon.api;

import dev.kon.Backend;
import dev.kon.KonException;
import dev.kon.client.FutureSession;
import dev.kon.client.RequestSession;
import dev.kon.client.RunClient;
import dev.kon.client.StreamingRun;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.time.Clock;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Kon from Java code: submit one task and get a {@link CompletableFuture} of its output, or submit a stream of
 * tasks as a run and take its results as they arrive ({@link RunHandle}). Tasks run on whatever workers serve the
 * settings' task queue: threads of this process ({@link KonSettings#inMemory}), {@code kon worker} processes, or
 * both.
 *
 * <pre>{@code
 * try (Kon kon = Kon.open(KonSettings.inMemory(4))) {
 *     String out = kon.submit("sleep", "10").get();
 *     try (RunHandle run = kon.run(IntStream.range(0, 1_000_000).mapToObj(i -> TaskCall.of("sleep", "0")))) {
 *         run.results().forEachRemaining(r -> ...);
 *     }
 * }
 * }</pre>
 *
 * <p>Futures are for single tasks: each is a message of its own and stays in memory until answered. Many tasks go
 * in a run, whose memory is bounded by its window ({@link RunOptions#window()}).
 *
 * <p>Thread-safety: thread-safe; submit and run from any threads at once. Failure behaviour: a future fails with
 * {@link TaskFailedException} when the task failed on a worker, with the queue's exception when the task could
 * not be sent, and with a {@link KonException} when the client closed first. A future waits for as long as no
 * worker answers: bound it with {@link CompletableFuture#orTimeout}.
 */
public final class Kon implements AutoCloseable {
    private final KonSettings settings;
    private final KonSettings.Connection connection;
    private final Clock clock = Clock.systemUTC();
    private FutureSession futures;
    private RequestSession requests;
    private boolean closed;

    private Kon(KonSettings settings, KonSettings.Connection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /**
     * Opens a client: connects to the backend (in local mode, starts the in-process worker). Close it.
     *
     * @throws dev.kon.queue.QueueNotFoundException when the task queue does not exist
     */
    public static Kon open(KonSettings settings) {
        Objects.requireNonNull(settings, "settings");
        KonSettings.Connection c = settings.connector().open();
        try {
            c.backend().queues().open(settings.taskQueue());
        } catch (RuntimeException e) {
            closeQuietly(c.owned());
            throw e;
        }
        return new Kon(settings, c);
    }

    /** The backend this client is connected to (to provision, inspect runs, or start workers on it). */
    public Backend backend() {
        return connection.backend();
    }

    /** The task queue tasks go to. */
    public String taskQueue() {
        return settings.taskQueue();
    }

    /**
     * Submits one task; the future completes with its output, or fails with {@link TaskFailedException}. Waits
     * only while {@value FutureSession#OUTBOX} tasks wait to be sent.
     */
    public CompletableFuture<String> submit(String type, String args) {
        return submit(TaskType.ofStrings(type), args);
    }

    /** Submits one task of a typed task type; the future completes with the decoded output. */
    public <A, R> CompletableFuture<R> submit(TaskType<A, R> type, A arg) {
        String args = type.encodeArgs(arg);
        CompletableFuture<TaskResult> raw;
        try {
            raw = session().submit(type.name(), args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return raw.thenApply(r -> {
            if (!r.succeeded()) {
                throw new TaskFailedException(type.name(), r.output(), r.worker());
            }
            return type.decodeOutput(r.output());
        });
    }

    /** Submits a stream of tasks as a run with {@link RunOptions#defaults()}. */
    public RunHandle run(Stream<TaskCall> tasks) {
        return run(tasks, RunOptions.defaults());
    }

    /**
     * Submits a stream of tasks as a run: the stream is read on a thread of the run's own, no faster than the
     * results are taken allow (see {@link RunHandle}), and closed with the run.
     */
    public RunHandle run(Stream<TaskCall> tasks, RunOptions options) {
        Objects.requireNonNull(tasks, "tasks");
        return start(tasks.iterator(), options, tasks);
    }

    /** Submits the tasks of an iterator as a run; the iterator is read on a thread of the run's own. */
    public RunHandle run(Iterator<TaskCall> tasks, RunOptions options) {
        Objects.requireNonNull(tasks, "tasks");
        return start(tasks, options, () -> { });
    }

    private RunHandle start(Iterator<TaskCall> calls, RunOptions options, AutoCloseable source) {
        Objects.requireNonNull(options, "options");
        ensureOpen();
        Iterator<Task> numbered = new Iterator<>() {
            private long id;

            @Override
            public boolean hasNext() {
                return calls.hasNext();
            }

            @Override
            public Task next() {
                TaskCall c = calls.next();
                return new Task(id++, c.type(), c.args());
            }
        };
        StreamingRun run = StreamingRun.start(backend(), new StreamingRun.Options(settings.taskQueue(),
                options.bundleSize(), options.window(), options.timeLimit(), options.name()), numbered, clock);
        return new RunHandle(run, source);
    }

    /**
     * The client's request session: a few tasks at a time, the calling thread waiting for their answers up to a
     * timeout, sent to the task queue's priority queue when there is one (workers serve it before the task queue).
     * This is how {@code kon cal}, {@code kon pic}, {@code kon animoto} and the web server's apps send. Its reply
     * queue is made on first use; it closes with the client.
     *
     * @throws IllegalStateException when the client is closed
     */
    public synchronized RequestSession requests() {
        ensureOpen();
        if (requests == null) {
            requests = RequestSession.open(backend(), settings.taskQueue());
        }
        return requests;
    }

    /**
     * The client of runs of a known number of tasks kept beyond this process, as {@code kon submit} and
     * {@code kon retry} make them: registered with their count, their results archived in the blob store as they
     * come ({@code RunArchive}) so {@code kon collect} can report them from another process, and resumable when
     * their sender died. On this client's backend; a run started through it is not stopped by {@link #close}.
     *
     * @throws IllegalStateException when the client is closed
     */
    public RunClient archivedRuns() {
        ensureOpen();
        return new RunClient(backend());
    }

    /**
     * As {@link #archivedRuns()}, with back-pressure: submission pauses while {@code maxWaiting} messages wait on
     * the task queue (0: no bound). For an in-memory queue, which holds in this process's heap whatever is sent
     * to it ({@code kon run} uses {@link dev.kon.local.LocalMode#MAX_WAITING}).
     *
     * @throws IllegalStateException when the client is closed
     */
    public RunClient archivedRuns(int maxWaiting) {
        ensureOpen();
        return new RunClient(backend(), maxWaiting);
    }

    private synchronized FutureSession session() {
        ensureOpen();
        if (futures == null) {
            futures = FutureSession.open(backend(), settings.taskQueue(), null);
        }
        return futures;
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Kon client is closed");
        }
    }

    /**
     * Fails the futures not yet answered, wakes the requests in progress (they return what they have), deletes the
     * client's reply queues, and closes what the settings opened
     * (in local mode: stops the in-process worker, letting it finish the tasks in hand). Runs not closed by their
     * callers are left to them. Idempotent.
     */
    @Override
    public void close() {
        FutureSession s;
        RequestSession r;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = futures;
            r = requests;
        }
        if (s != null) {
            s.close();
        }
        if (r != null) {
            r.close();
        }
        closeQuietly(connection.owned());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new KonException("closing the client's backend failed: " + e, e);
        }
    }
}
