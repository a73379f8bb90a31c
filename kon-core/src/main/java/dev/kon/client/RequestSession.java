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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request and response through the queues on one reply queue: many calls, each answered in about the time the
 * worker takes, where a {@link RunClient} run makes and deletes a reply queue of its own (two queue calls, about a
 * third of a small request's round trip on the local cloud).
 *
 * <p>{@link #open} makes the reply queue ({@value RunSpec#REPLY_PREFIX}SESSION, so {@code kon cloud teardown} finds
 * the queue of a session that died without closing) and starts one receiver thread that long-polls it until
 * {@link #close}. Each {@link #call} is a run of its own: a new run id ({@code SESSION-N}) on the session's reply
 * queue, its tasks sent on the calling thread in bundles of one task (so that several workers share a call's tasks at
 * once), its results matched by run id and task id. A result of a call that has returned (one that timed out) is
 * dropped, never handed to a later call; a result delivered twice is handed over once; a result for a task id the
 * call did not send is dropped. Reply messages are deleted once handled, and bodies too large for a message
 * ({@link LargeBodies}) are deleted from the blob store once read (results) or once the call has all its results
 * (tasks; those of calls that timed out are deleted on close, when no worker can post for them any more).
 *
 * <p>Open it through {@code dev.kon.api.Kon#requests()}: that is Kon's one way in for requests, the session living
 * and closing with the client. {@link #open} stays public for the API, which lives in another package.
 *
 * <p>Thread-safety: thread-safe; calls from many threads run at once, each waiting for its own results. A call in
 * progress when the session closes returns the results it has.
 *
 * <p>Failure behaviour: {@link #open} throws {@code QueueNotFoundException} when the task queue does not exist and
 * {@code QueueException} when the reply queue cannot be made. A call throws {@code QueueException} when its tasks
 * could not be sent, and returns without the results that did not come in time. A failed receive is logged and
 * retried after {@link #RETRY_PAUSE}; an unreadable reply message goes to the task queue's dead-letter queue (and
 * stays on the reply queue if it cannot be moved). A call throws {@code KonException} if the receiver stopped on an
 * error of the machine (out of memory); later calls throw {@code IllegalStateException}. Close never throws:
 * a reply queue it could not delete is left to {@code kon cloud teardown}.
 */
public final class RequestSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestSession.class);
    /** How long one receive waits for a reply (the SQS maximum); {@link #close} ends the wait sooner. */
    public static final Duration POLL_WAIT = Duration.ofSeconds(20);
    /** Pause after a failed receive before the next one. */
    public static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(200);
    private static final RunListener SILENT = new RunListener() { };

    private final Backend backend;
    private final String id;
    private final TaskQueue tasks;
    private final TaskQueue replies;
    private final String taskQueue;
    private final LargeBodies bodies;
    private final BundleSender sender;
    private final ReplyReader receiver;
    private final ConcurrentMap<String, ResultTally> pending = new ConcurrentHashMap<>();
    private final List<String> leftoverBodies = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean closed;

    private RequestSession(Backend backend, String id, String taskQueue, TaskQueue tasks, TaskQueue replies) {
        this.backend = backend;
        this.id = id;
        this.taskQueue = taskQueue;
        this.tasks = tasks;
        this.replies = replies;
        this.bodies = new LargeBodies(backend.blobs(), tasks.limits());
        this.sender = new BundleSender(tasks, bodies);
        DeadLetters dead = new DeadLetters(backend.queues(), QueueSpec.deadLetterQueueOf(taskQueue));
        this.receiver = new ReplyReader(replies, bodies, dead, pending::get, b -> { }, 1, POLL_WAIT, RETRY_PAUSE,
                id + "-close", () -> pending.values().forEach(ResultTally::abandon));
    }

    /**
     * Opens a session for tasks on {@code taskQueue}: makes its reply queue and starts its receiver. Close it.
     *
     * @throws dev.kon.queue.QueueNotFoundException when the task queue does not exist (nothing is made then)
     */
    public static RequestSession open(Backend backend, String taskQueue) {
        TaskQueue bulk = backend.queues().open(taskQueue);
        // Requests go to the priority queue, which workers serve before the task queue; a deployment provisioned
        // before there was one gets them on the task queue, as then.
        TaskQueue tasks = backend.queues().find(QueueSpec.priorityQueueOf(taskQueue)).orElse(bulk);
        String id = RunSpec.newRunId();
        TaskQueue replies = backend.queues().create(QueueSpec.of(RunSpec.REPLY_PREFIX + id));
        RequestSession session = new RequestSession(backend, id, taskQueue, tasks, replies);
        session.receiver.start();
        return session;
    }

    /** The session's id; its calls' run ids are {@code ID-1}, {@code ID-2}, ... */
    public String id() {
        return id;
    }

    /** The task queue the session serves; its tasks go to that queue's priority queue when there is one. */
    public String taskQueue() {
        return taskQueue;
    }

    /** The name of the session's reply queue. */
    public String replyQueue() {
        return replies.name();
    }

    /** The one answer of a one-task call, or null if none came within {@code timeout} (zero waits forever). */
    public TaskResult callOne(Task task, Duration timeout) throws InterruptedException {
        return call(List.of(task), timeout).get(task.id());
    }

    /** {@link #call(List, Duration, RunListener)} with no one listening. */
    public Map<Long, TaskResult> call(List<Task> tasks, Duration timeout) throws InterruptedException {
        return call(tasks, timeout, SILENT);
    }

    /**
     * Sends {@code tasks} as one run and waits for their results. {@code listener} hears the run start (its id and
     * this session's reply queue), the tasks sent, progress about five times a second and about every ten seconds
     * of quiet, on this thread.
     *
     * @param tasks   task ids must be unique within the call; they need not be across calls
     * @param timeout how long to wait for the results after sending; zero waits forever
     * @return the results that came, by task id; a task without one had no answer in time
     * @throws IllegalArgumentException when two tasks share an id, or the timeout is negative
     * @throws IllegalStateException    when the session is closed
     */
    public Map<Long, TaskResult> call(List<Task> tasks, Duration timeout, RunListener listener)
            throws InterruptedException {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0s, was " + timeout.toMillis() + "ms");
        }
        Map<Long, TaskResult> results = new ConcurrentHashMap<>();
        ResultTally call = new ResultTally(tasks.size(), uniqueIds(tasks), r -> results.put(r.taskId(), r));
        RunSpec spec = new RunSpec(id + "-" + calls.incrementAndGet(), replies.name(), 1);
        pending.put(spec.runId(), call);
        // Race with close(): it sets the flag, then abandons what is pending. Registered first and checked after,
        // a call is either abandoned by close or sees the flag here.
        if (closed || receiver.failure() != null) {
            pending.remove(spec.runId());
            throw new IllegalStateException("request session " + id + " is closed");
        }
        List<String> spilled = new ArrayList<>();
        try {
            listener.started(spec, tasks.size());
            send(spec, tasks, spilled);
            listener.submitted(tasks.size());
            call.awaitReporting(timeout, PROGRESS_EVERY, listener, () -> closed);
            Throwable broken = receiver.failure();
            if (broken != null) {
                throw new KonException("request session " + id + " stopped reading replies: " + broken, broken);
            }
        } finally {
            pending.remove(spec.runId());
            releaseBodies(spilled, call.complete());
        }
        return Map.copyOf(results);
    }

    /** @throws IllegalArgumentException when two tasks share an id (their results could not be told apart) */
    private static java.util.Set<Long> uniqueIds(List<Task> tasks) {
        java.util.Set<Long> ids = new java.util.HashSet<>(tasks.size() * 2);
        for (Task t : tasks) {
            if (!ids.add(t.id())) {
                throw new IllegalArgumentException("task ids must be unique within a call; " + t.id()
                        + " appears twice");
            }
        }
        return ids;
    }

    /**
     * Sends each task as a bundle of its own, on this thread: a call holds a few tasks, where a {@link Submitter}'s
     * sender pool (made per submission) costs thread hand-offs on every call, several ms each on a busy machine.
     * Bundle ids follow the Submitter's {@code RUN-bN}. Keys of bodies spilled to the blob store go to
     * {@code spilled}.
     */
    private void send(RunSpec spec, List<Task> toSend, List<String> spilled) {
        List<TaskBundle> bundles = new ArrayList<>(toSend.size());
        for (Task t : toSend) {
            bundles.add(BundleSender.bundle(spec, bundles.size() + 1, List.of(t)));
        }
        sender.send(bundles, spilled::add);
    }

    /**
     * Task bodies that went through the blob store: deleted now if the call is answered in full, else kept until
     * close, since a worker may still be about to read them.
     */
    private void releaseBodies(List<String> keys, boolean answered) {
        if (keys.isEmpty()) {
            return;
        }
        if (!answered) {
            synchronized (leftoverBodies) {
                leftoverBodies.addAll(keys);
            }
            return;
        }
        deleteBlobs(keys);
    }

    private void deleteBlobs(List<String> keys) {
        for (String key : keys) {
            try {
                backend.blobs().delete(key);
            } catch (RuntimeException e) {
                LOG.warn("could not delete the task body {}: {}", key, e.toString());
            }
        }
    }

    /**
     * Wakes the calls in progress (they return the results they have), stops the receiver, then deletes the reply
     * queue and the task bodies kept for unanswered calls. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pending.values().forEach(ResultTally::abandon);
        receiver.close();
        // Only now: a long poll on a deleted queue waits out its timeout, and ElasticMQ drops the connection of one
        // (the SDK retries, and a long-lived client runs out of retries).
        try {
            backend.queues().delete(replies.name());
        } catch (RuntimeException e) {
            LOG.warn("could not delete the reply queue '{}'; 'kon cloud teardown' deletes it: {}", replies.name(),
                    e.toString());
        }
        synchronized (leftoverBodies) {
            deleteBlobs(leftoverBodies);
            leftoverBodies.clear();
        }
    }
}
