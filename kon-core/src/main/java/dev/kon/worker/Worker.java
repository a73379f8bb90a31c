package dev.kon.worker;

import dev.kon.Backend;
import dev.kon.FatalErrors;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes task bundles from a queue and runs them exactly once each, with {@link WorkerConfig#threads()} tasks at
 * a time. The same engine serves local mode (threads of one JVM on in-memory adapters) and the cloud (a
 * {@code kon worker} process on SQS and DynamoDB).
 *
 * <p>Duties, one thread each: the {@link Poller} receives and claims, executor threads run tasks through the
 * {@link TaskRunner}, the {@link ResultFlusher} posts results and deletes messages, the {@link LeaseHeartbeat}
 * keeps long tasks' messages hidden and claims alive, the {@link Fence} stops bundles whose lease ran out and
 * tasks past their time limit.
 *
 * <p>Failures: every duty survives whatever one message or one task throws. An error of the virtual machine (out
 * of memory) on any of them, or a task that does not stop when told to, fails the worker: it abandons what it
 * holds, as {@link #kill()} does, and tells the listener given to {@link #onFailure} (the {@code kon worker}
 * process exits non-zero); {@link #failure()} answers why.
 *
 * <p>{@link #stop(Duration)} is graceful: no new bundles are taken, the ones in hand are finished and flushed.
 * {@link #kill()} drops everything on the floor, as a crash would: messages reappear after the lease and other
 * workers finish them.
 *
 * <p>Thread-safety: start, stop and kill may be called from any thread.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private final WorkerConfig cfg;
    private final String id;
    private final TaskQueue tasks;
    private final TaskRunner runner;
    private final Poller poller;
    private final ResultFlusher flusher;
    private final LeaseHeartbeat heartbeat;
    private final PrefetchLimit limit;
    private final BlockingQueue<BundleRun> work = new LinkedBlockingQueue<>();
    private final Set<BundleRun> live = ConcurrentHashMap.newKeySet();
    private final LongAdder tasksRun = new LongAdder();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread pollerThread;
    private final Thread flusherThread;
    private final Thread[] executors;
    private final ScheduledExecutorService heartbeats;
    private final ScheduledExecutorService fences;
    private final TaskSlots slots;
    private final Fence fence;
    private final WorkerFailure failure;
    private final LongAdder tasksGivenUp = new LongAdder();
    private volatile boolean accepting = true;
    private volatile boolean killed;
    private volatile boolean started;

    public Worker(WorkerConfig cfg, Backend backend, TaskHandlers handlers, Clock clock) {
        this(cfg, backend, handlers, clock, WorkerIdentity.create());
    }

    public Worker(WorkerConfig cfg, Backend backend, TaskHandlers handlers, Clock clock, String id) {
        this.cfg = cfg;
        this.id = id;
        this.tasks = backend.queues().open(cfg.taskQueue());
        LargeBodies bodies = new LargeBodies(backend.blobs(), tasks.limits());
        DeadLetters dead = new DeadLetters(backend.queues(), cfg.deadLetterQueue());
        this.limit = new PrefetchLimit(cfg.threads(), cfg.adaptivePrefetch() ? WorkerConfig.INITIAL_PREFETCH : cfg.prefetch(),
                cfg.adaptivePrefetch());
        this.failure = new WorkerFailure(id, this::kill);
        this.slots = new TaskSlots(cfg.threads());
        this.runner = new TaskRunner(handlers, backend.blobs(), clock, cfg);
        this.poller = new Poller(this, cfg, tasks, backend.ledger(), bodies, dead, limit, clock, failure);
        this.flusher = new ResultFlusher(this, cfg, backend.queues(), tasks, backend.ledger(), bodies, dead, clock,
                slots, failure);
        this.heartbeat = new LeaseHeartbeat(this::liveRuns, slots, cfg, tasks, backend.ledger(), clock, failure);
        this.fence = new Fence(this::liveRuns, slots, stuckGrace(cfg).toMillis(), failure);
        this.pollerThread = thread("kon-poller", poller);
        this.flusherThread = thread("kon-flusher", flusher);
        this.executors = new Thread[cfg.threads()];
        for (int i = 0; i < executors.length; i++) {
            String threadId = id + "/t" + i;
            TaskSlots.Slot slot = slots.slot(i);
            executors[i] = thread("kon-exec-" + i, () -> execute(threadId, slot));
        }
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> thread("kon-heartbeat", r));
        this.fences = Executors.newSingleThreadScheduledExecutor(r -> thread("kon-fence", r));
    }

    /**
     * How long a task may go on after it was told to stop (cancelled, timed out) before the worker gives itself up
     * as stuck: one lease, at least 3 s. Its bundle's lease is no longer renewed by then, so another worker may
     * already be running it.
     */
    static Duration stuckGrace(WorkerConfig cfg) {
        return cfg.lease().compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : cfg.lease();
    }

    /**
     * Who hears that this worker failed on its own (see the class comment); called once, on the thread that found
     * the failure, after the worker has abandoned its work. Set it before {@link #start()}.
     */
    public Worker onFailure(java.util.function.Consumer<WorkerFailedException> listener) {
        failure.listener(listener);
        return this;
    }

    /** Why this worker failed on its own, if it did. */
    public java.util.Optional<WorkerFailedException> failure() {
        return java.util.Optional.ofNullable(failure.get());
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** This worker's owner id in the ledger: {@code host/pid/random}. */
    public String id() {
        return id;
    }

    public synchronized Worker start() {
        if (started) {
            throw new IllegalStateException("worker " + id + " already started");
        }
        started = true;
        for (Thread t : executors) {
            t.start();
        }
        flusherThread.start();
        pollerThread.start();
        long beat = Math.max(1, cfg.lease().toMillis() / 3);
        heartbeats.scheduleWithFixedDelay(heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        fences.scheduleWithFixedDelay(fence, Fence.TICK_MILLIS, Fence.TICK_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("worker {} started on '{}' with {} threads", id, tasks.name(), cfg.threads());
        return this;
    }

    /** Tasks this worker has run (successfully or not) since it started, not counting those given up. */
    public long tasksRun() {
        return tasksRun.sum();
    }

    /**
     * Tasks of bundles this worker gave up because it lost their lease (another worker runs them): started or not,
     * their results were dropped.
     */
    public long tasksGivenUp() {
        return tasksGivenUp.sum();
    }

    /**
     * Stops taking bundles, finishes and flushes the ones in hand, then ends its threads. Waits up to
     * {@code grace}; answers true when everything in hand was finished by then.
     */
    public boolean stop(Duration grace) throws InterruptedException {
        beginStop();
        boolean done = terminated.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            LOG.warn("worker {} did not finish {} bundles within {}s; they will be delivered again",
                    id, live.size(), grace.toSeconds());
            kill();
        }
        return done;
    }

    /** Asks the worker to stop gracefully without waiting; see {@link #awaitTermination}. */
    public void beginStop() {
        if (!accepting) {
            return;
        }
        accepting = false;
        pollerThread.interrupt();
        Thread closer = thread("kon-stop", this::finishThenEnd);
        closer.start();
    }

    private void finishThenEnd() {
        try {
            pollerThread.join();
            flusherThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Thread t : executors) {
            t.interrupt();
        }
        heartbeats.shutdownNow();
        fences.shutdownNow();
        LOG.info("worker {} stopped after {} tasks", id, tasksRun.sum());
        terminated.countDown();
    }

    /** Abandons everything at once, like a crash: no results, no acknowledgements, no lease renewals. */
    public void kill() {
        killed = true;
        accepting = false;
        pollerThread.interrupt();
        flusherThread.interrupt();
        for (Thread t : executors) {
            t.interrupt();
        }
        heartbeats.shutdownNow();
        fences.shutdownNow();
        terminated.countDown();
    }

    public boolean awaitTermination(Duration d) throws InterruptedException {
        return terminated.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop(cfg.lease());
    }

    boolean accepting() {
        return accepting && !killed;
    }

    boolean killed() {
        return killed;
    }

    int inHand() {
        return live.size();
    }

    Collection<BundleRun> liveRuns() {
        return List.copyOf(live);
    }

    /** True while this worker holds the bundle (running, or being completed). */
    boolean holds(String bundleId) {
        for (BundleRun r : live) {
            if (r.key().equals(bundleId)) {
                return true;
            }
        }
        return false;
    }

    /** The flusher may end once the poller has stopped and nothing is in hand. */
    boolean finishedFlushing() {
        return !accepting && !pollerThread.isAlive() && live.isEmpty();
    }

    /** A claimed bundle enters: its tasks are offered to as many executor threads as can share it. */
    void accept(BundleRun run) {
        live.add(run);
        int tokens = Math.min(run.size(), executors.length);
        for (int i = 0; i < tokens; i++) {
            work.add(run);
        }
    }

    /** A claimed bundle given up as poison goes straight to the flusher. */
    void giveUp(BundleRun run) {
        live.add(run);
        pack(run);
        flusher.offer(run);
    }

    /** Splits a finished bundle's results into messages here, on the thread that finished it. */
    private void pack(BundleRun run) {
        run.pack(tasks.limits());
    }

    /** The flusher is done with a bundle, whatever the outcome. */
    void release(BundleRun run) {
        live.remove(run);
    }

    private void execute(String threadId, TaskSlots.Slot slot) {
        while (!killed) {
            BundleRun run;
            try {
                run = work.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (killed || !accepting && live.isEmpty()) {
                    return;
                }
                continue;
            }
            if (run == null) {
                if (!accepting && !pollerThread.isAlive() && work.isEmpty() && live.isEmpty()) {
                    return;
                }
                continue;
            }
            try {
                drain(run, threadId, slot);
            } catch (Throwable e) {
                failure.onUnexpected("executor", e);
            }
        }
    }

    /** Runs tasks of {@code run} until none is left to take; hands the bundle on when its last task is done. */
    private void drain(BundleRun run, String threadId, TaskSlots.Slot slot) {
        // Short tasks are taken a few at a time (less contention on the bundle's counter); long bundles of few
        // tasks still spread one task per thread.
        int chunk = Math.max(1, run.size() / (4 * executors.length));
        run.markStarted();
        int start;
        while ((start = run.take(chunk)) >= 0) {
            int end = Math.min(run.size(), start + chunk);
            try {
                for (int i = start; i < end; i++) {
                    Task task = run.task(i);
                    run.record(i, run.cancelled()
                            ? TaskResult.failed(task.id(), "cancelled: " + run.cancelReason(), threadId, 0)
                            : runner.run(task, threadId, run, slot));
                    if (killed) {
                        return;
                    }
                }
            } catch (Throwable e) {
                if (FatalErrors.isFatal(e)) {
                    failure.onUnexpected("executor", e);
                    return;
                }
                // Not a task's failure (the runner reports those): the bundle cannot be finished here. Give it up,
                // so it is released and comes back to the queue.
                slots.cancel(run, "the worker hit " + TaskRunner.describe(e));
                failure.onUnexpected("executor", e);
            }
            (run.cancelled() ? tasksGivenUp : tasksRun).add(end - start);
            if (run.finished(end - start)) {
                limit.releaseFinished(run.runMillis() * Math.min(run.size(), executors.length));
                if (!run.cancelled()) {
                    pack(run);
                }
                flusher.offer(run);
            }
        }
    }
}
