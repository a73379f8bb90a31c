package dev.kon.client;

import dev.kon.Backend;
import dev.kon.KonException;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.TaskBundle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single tasks answered by futures, on one reply queue: the asynchronous sibling of {@link RequestSession}. Each
 * {@link #submit} is a bundle of one task of the session's one run ({@code SESSION}), task ids counting from 0;
 * the result is matched by task id and completes the task's future once, however many copies arrive.
 *
 * <p>Tasks wait in an outbox of {@value #OUTBOX} tasks for the one sender thread, which sends whatever has gathered
 * in batch calls (up to the queue's batch size): one task costs one queue call when tasks come one at a time, a
 * tenth of one under load. A full outbox makes {@link #submit} wait: what the session holds is bounded by the
 * outbox and the futures not yet answered.
 *
 * <p>Thread-safety: thread-safe. Failure behaviour: a task that could not be sent after the queue's retries fails
 * its future with the {@code QueueException}; a task that fails on a worker completes its future normally with a
 * failed {@link TaskResult}; {@link #close} fails the futures still waiting. Futures wait for as long as no worker
 * answers: bound them with {@link CompletableFuture#orTimeout}.
 */
public final class FutureSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FutureSession.class);
    /** Tasks waiting for the sender thread before {@link #submit} waits. */
    public static final int OUTBOX = 4096;
    private static final Duration POLL_WAIT = Duration.ofSeconds(20);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Backend backend;
    private final RunSpec spec;
    private final TaskQueue replies;
    private final BundleSender sender;
    private final ReplyReader receiver;
    private final Map<Long, CompletableFuture<TaskResult>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Task> outbox = new ArrayBlockingQueue<>(OUTBOX);
    private final List<String> spilled = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong();
    private final Thread sending;
    private final int maxBatch;
    private volatile boolean closed;

    private FutureSession(Backend backend, TaskQueue tasks, TaskQueue replies, RunSpec spec) {
        this.backend = backend;
        this.spec = spec;
        this.replies = replies;
        LargeBodies bodies = new LargeBodies(backend.blobs(), tasks.limits());
        this.sender = new BundleSender(tasks, bodies);
        this.maxBatch = tasks.limits().maxBatch();
        ResultTally tally = new ResultTally(Long.MAX_VALUE, null, this::answer);
        DeadLetters dead = new DeadLetters(backend.queues(), QueueSpec.deadLetterQueueOf(tasks.name()));
        this.receiver = new ReplyReader(replies, bodies, dead, run -> run.equals(spec.runId()) ? tally : null,
                b -> { }, 1, POLL_WAIT, RETRY_PAUSE, spec.runId() + "-close",
                () -> failAll(new KonException("reading results stopped on an error of the machine")));
        this.sending = new Thread(this::sendLoop, "kon-futures-" + spec.runId());
        this.sending.setDaemon(true);
    }

    /**
     * Makes the session's reply queue and starts its threads; close it.
     *
     * @param timeLimit time limit of one attempt of each task, or null for each task type's own
     * @throws dev.kon.queue.QueueNotFoundException when the task queue does not exist (nothing is made then)
     */
    public static FutureSession open(Backend backend, String taskQueue, Duration timeLimit) {
        TaskQueue tasks = backend.queues().open(taskQueue);
        String id = RunSpec.newRunId();
        TaskQueue replies = backend.queues().create(QueueSpec.of(RunSpec.REPLY_PREFIX + id));
        FutureSession s = new FutureSession(backend, tasks, replies,
                new RunSpec(id, replies.name(), 1).withTimeLimit(timeLimit));
        s.receiver.start();
        s.sending.start();
        return s;
    }

    /** The session's run id (every task of the session is a task of this run). */
    public String id() {
        return spec.runId();
    }

    /** Futures not answered yet. */
    public int waiting() {
        return pending.size();
    }

    /**
     * Queues one task; waits while the outbox is full.
     *
     * @throws IllegalStateException when the session is closed
     */
    public CompletableFuture<TaskResult> submit(String type, String args) throws InterruptedException {
        Task task = new Task(ids.getAndIncrement(), type, args);
        CompletableFuture<TaskResult> f = new CompletableFuture<>();
        pending.put(task.id(), f);
        // A future the caller cancels or times out is forgotten; a late result for it is then dropped.
        f.whenComplete((r, e) -> pending.remove(task.id()));
        // Race with close(): it sets the flag, then fails what is pending. Registered first and checked after, a
        // task is either failed by close or refused here.
        if (closed) {
            pending.remove(task.id());
            throw new IllegalStateException("future session " + spec.runId() + " is closed");
        }
        while (!outbox.offer(task, 200, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new IllegalStateException("future session " + spec.runId() + " is closed");
            }
        }
        return f;
    }

    private void answer(TaskResult r) {
        CompletableFuture<TaskResult> f = pending.remove(r.taskId());
        if (f != null) {
            f.complete(r);
        }
    }

    private void sendLoop() {
        List<Task> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                Task first = outbox.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outbox.drainTo(batch, maxBatch - 1);
                send(batch);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // A send that failed has failed its own futures; nothing else gets here but a bug or the machine.
                LOG.error("sending tasks of session {} failed unexpectedly; going on", spec.runId(), e);
                if (dev.kon.FatalErrors.isFatal(e)) {
                    failAll(new KonException("sending tasks stopped: " + e, e));
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Task> tasks) {
        List<TaskBundle> bundles = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            bundles.add(BundleSender.bundle(spec, t.id() + 1, List.of(t)));
        }
        try {
            sender.send(bundles, spilled::add);
        } catch (RuntimeException e) {
            for (Task t : tasks) {
                CompletableFuture<TaskResult> f = pending.remove(t.id());
                if (f != null) {
                    f.completeExceptionally(e);
                }
            }
        }
    }

    private void failAll(RuntimeException why) {
        for (Long id : List.copyOf(pending.keySet())) {
            CompletableFuture<TaskResult> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(why);
            }
        }
    }

    /**
     * Stops sending, fails the futures still waiting, stops the receiver and deletes the reply queue and the task
     * bodies that went through the blob store. Idempotent; never throws.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        sending.interrupt();
        try {
            sending.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(new KonException("the client was closed before the task was answered"));
        receiver.close();
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
