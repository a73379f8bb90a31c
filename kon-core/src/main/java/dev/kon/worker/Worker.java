package dev.kon.worker;

import dev.kon.Backend;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.TaskHandlers;
import dev.kon.wire.LargeBodies;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes task bundles from a queue and runs them exactly once each, with {@link WorkerConfig#threads()} tasks at
 * a time. The same engine serves local mode (threads of one JVM on in-memory adapters) and the cloud (a
 * {@code kon worker} process on SQS and DynamoDB).
 *
 * <p>Duties, one class each: the {@link Poller} receives and claims, executor threads run tasks in the
 * {@link TaskLoop}, the {@link ResultFlusher} posts results and deletes messages, the {@link LeaseHeartbeat}
 * keeps long tasks' messages hidden and claims alive, the {@link Fence} stops bundles whose lease ran out and
 * tasks past their time limit, the {@link RunWatch} stops cancelled runs, the {@link RegistryHeartbeat} tells the
 * worker registry it is alive. They do not call back into the worker; what they share is the
 * {@link BundlesInHand}, the {@link PrefetchLimit}, the {@link TaskSlots} and the {@link WorkerState}. The worker
 * wires them and owns their threads: it starts, stops and kills them.
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
    private final WorkerState state;
    private final TaskQueue tasks;
    private final BundlesInHand bundles;
    private final TaskLoop loop;
    private final LeaseHeartbeat heartbeat;
    private final Fence fence;
    private final WorkerFailure failure;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread pollerThread;
    /** Polls the priority queue; null when the deployment has none (provisioned before there was one). */
    private final Thread priorityPollerThread;
    private final java.util.concurrent.atomic.AtomicInteger pollersLeft;
    private final Thread flusherThread;
    private final Thread[] executors;
    private final ScheduledExecutorService heartbeats;
    private final ScheduledExecutorService fences;
    private final ScheduledExecutorService watches;
    private final RunWatch runWatch;
    private final RegistryHeartbeat presence;
    private final ScheduledExecutorService presences;
    private boolean started;

    public Worker(WorkerConfig cfg, Backend backend, TaskHandlers handlers, Clock clock) {
        this(cfg, backend, handlers, clock, WorkerIdentity.create());
    }

    public Worker(WorkerConfig cfg, Backend backend, TaskHandlers handlers, Clock clock, String id) {
        this(cfg, backend, handlers, clock, id, WorkerEvents.NONE);
    }

    /**
     * A worker that tells {@code events} what it does (for metrics); see {@link WorkerEvents} for when each call
     * comes. {@link WorkerEvents#NONE} costs nothing.
     */
    public Worker(WorkerConfig cfg, Backend backend, TaskHandlers handlers, Clock clock, String id,
            WorkerEvents events) {
        WorkerEvents heard = GuardedEvents.of(events);
        this.cfg = cfg;
        this.state = new WorkerState(id);
        this.tasks = backend.queues().open(cfg.taskQueue());
        TaskQueue priority = backend.queues().find(QueueSpec.priorityQueueOf(cfg.taskQueue())).orElse(null);
        LargeBodies bodies = new LargeBodies(backend.blobs(), tasks.limits());
        DeadLetters dead = new DeadLetters(backend.queues(), cfg.deadLetterQueue(), clock);
        PrefetchLimit limit = new PrefetchLimit(cfg.threads(),
                cfg.adaptivePrefetch() ? WorkerConfig.INITIAL_PREFETCH : cfg.prefetch(), cfg.adaptivePrefetch());
        this.failure = new WorkerFailure(id, this::kill);
        this.bundles = new BundlesInHand(cfg.threads());
        // One executor thread more than asked for serves the priority queue only, so that a request is started
        // at once while every other thread is busy with a bulk run.
        int executorCount = cfg.threads() + (priority != null ? 1 : 0);
        TaskSlots slots = new TaskSlots(executorCount);
        PrefetchLimit priorityLimit = new PrefetchLimit(cfg.threads(), cfg.threads(), false);
        this.loop = new TaskLoop(state, bundles, limit, priorityLimit,
                new TaskRunner(handlers, backend.blobs(), clock, cfg), slots, tasks.limits(), failure, cfg.threads(),
                heard);
        this.runWatch = new RunWatch(backend.runs(), bundles::snapshot, slots, failure);
        Poller poller = new Poller(state, bundles, limit, cfg, tasks, backend.ledger(), bodies, dead, clock, failure,
                runWatch::isCancelled, heard, false);
        ResultFlusher flusher = new ResultFlusher(state, bundles, cfg, backend.queues(), tasks, backend.ledger(),
                bodies, dead, clock, slots, failure, backend.runs());
        this.heartbeat = new LeaseHeartbeat(bundles::snapshot, slots, cfg, tasks, backend.ledger(), clock, failure,
                heard);
        this.presence = new RegistryHeartbeat(backend.workers(), new RegistryHeartbeat.Identity(id,
                WorkerIdentity.host(), ProcessHandle.current().pid(), WorkerIdentity.VERSION, cfg.threads(),
                tasks.name()), state::accepting, loop::tasksRun, bundles::snapshot, clock, failure);
        this.fence = new Fence(bundles::snapshot, slots, stuckGrace(cfg).toMillis(), failure, heard);
        this.pollerThread = thread("kon-poller", () -> pollThenWindDown(poller));
        if (priority != null) {
            Poller priorityPoller = new Poller(state, bundles, priorityLimit, cfg, priority, backend.ledger(), bodies,
                    dead, clock, failure, runWatch::isCancelled, heard, true);
            this.priorityPollerThread = thread("kon-poller-priority", () -> pollThenWindDown(priorityPoller));
        } else {
            this.priorityPollerThread = null;
        }
        this.pollersLeft = new java.util.concurrent.atomic.AtomicInteger(priority != null ? 2 : 1);
        this.flusherThread = thread("kon-flusher", flusher);
        this.executors = new Thread[executorCount];
        for (int i = 0; i < executors.length; i++) {
            String threadId = id + "/t" + i;
            TaskSlots.Slot slot = slots.slot(i);
            boolean priorityOnly = i == cfg.threads();
            executors[i] = thread("kon-exec-" + (priorityOnly ? "priority" : i),
                    () -> loop.run(threadId, slot, priorityOnly));
        }
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> thread("kon-heartbeat", r));
        this.fences = Executors.newSingleThreadScheduledExecutor(r -> thread("kon-fence", r));
        this.watches = Executors.newSingleThreadScheduledExecutor(r -> thread("kon-runwatch", r));
        // Its own thread: a slow registry must not hold up the lease renewals.
        this.presences = Executors.newSingleThreadScheduledExecutor(r -> thread("kon-presence", r));
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
    public Worker onFailure(Consumer<WorkerFailedException> listener) {
        failure.listener(listener);
        return this;
    }

    /** Why this worker failed on its own, if it did. */
    public Optional<WorkerFailedException> failure() {
        return Optional.ofNullable(failure.get());
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** This worker's owner id in the ledger: {@code host/pid/random}. */
    public String id() {
        return state.workerId();
    }

    public synchronized Worker start() {
        if (started) {
            throw new IllegalStateException("worker " + id() + " already started");
        }
        started = true;
        for (Thread t : executors) {
            t.start();
        }
        flusherThread.start();
        pollerThread.start();
        if (priorityPollerThread != null) {
            priorityPollerThread.start();
        }
        long beat = Math.max(1, cfg.lease().toMillis() / 3);
        heartbeats.scheduleWithFixedDelay(heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        fences.scheduleWithFixedDelay(fence, Fence.TICK_MILLIS, Fence.TICK_MILLIS, TimeUnit.MILLISECONDS);
        watches.scheduleWithFixedDelay(runWatch, RunWatch.EVERY_MILLIS, RunWatch.EVERY_MILLIS, TimeUnit.MILLISECONDS);
        presences.scheduleWithFixedDelay(presence, 0, cfg.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("worker {} started on '{}' with {} threads", id(), tasks.name(), cfg.threads());
        return this;
    }

    /** Tasks this worker has run (successfully or not) since it started, not counting those given up. */
    public long tasksRun() {
        return loop.tasksRun();
    }

    /**
     * Tasks of bundles this worker gave up because it lost their lease (another worker runs them): started or not,
     * their results were dropped.
     */
    public long tasksGivenUp() {
        return loop.tasksGivenUp();
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
                    id(), bundles.size(), grace.toSeconds());
            kill();
        }
        return done;
    }

    /** Asks the worker to stop gracefully without waiting; see {@link #awaitTermination}. */
    public void beginStop() {
        if (!state.stopAccepting()) {
            return;
        }
        synchronized (this) {
            if (!started) {
                // No thread ever ran: nothing is in hand to finish.
                windDown();
                return;
            }
        }
        // Wakes the pollers from a receive or a wait for room; the rest winds down once they have ended.
        pollerThread.interrupt();
        if (priorityPollerThread != null) {
            priorityPollerThread.interrupt();
        }
        // Says DRAINING now rather than at the next beat, up to a period later.
        try {
            presences.execute(presence);
        } catch (java.util.concurrent.RejectedExecutionException windingDownAlready) {
            // the worker is past its last beat
        }
    }

    /**
     * The poller thread's life: it polls until the worker stops accepting, by its owner's stop or its own idle
     * exit. A graceful stop then finishes what is in hand on a thread of its own, as the owner's interrupt meant
     * for the poller may still arrive on this one.
     */
    private void pollThenWindDown(Poller poller) {
        try {
            poller.run();
        } finally {
            if (pollersLeft.decrementAndGet() > 0) {
                // The other poller ends the intake once it has ended too (a stop interrupts both; an idle exit
                // stops accepting, which ends both loops).
                return;
            }
            state.markPollerEnded();
            if (!state.killed()) {
                thread("kon-stop", this::finishThenEnd).start();
            }
        }
    }

    /** Waits for the flusher to be done with everything in hand, then ends the other duties. */
    private void finishThenEnd() {
        try {
            flusherThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        windDown();
    }

    private void windDown() {
        for (Thread t : executors) {
            t.interrupt();
        }
        heartbeats.shutdownNow();
        fences.shutdownNow();
        watches.shutdownNow();
        // After the last beat, so that nothing overwrites it; a beat in progress finishes first (see stopped()).
        presences.shutdown();
        presence.stopped();
        LOG.info("worker {} stopped after {} tasks", id(), loop.tasksRun());
        terminated.countDown();
    }

    /** Abandons everything at once, like a crash: no results, no acknowledgements, no lease renewals. */
    public void kill() {
        state.kill();
        pollerThread.interrupt();
        if (priorityPollerThread != null) {
            priorityPollerThread.interrupt();
        }
        flusherThread.interrupt();
        for (Thread t : executors) {
            t.interrupt();
        }
        heartbeats.shutdownNow();
        fences.shutdownNow();
        watches.shutdownNow();
        // A crash writes no last record: readers see the worker as lost once its last heartbeat is old.
        presences.shutdownNow();
        terminated.countDown();
    }

    public boolean awaitTermination(Duration d) throws InterruptedException {
        return terminated.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop(cfg.lease());
    }
}
