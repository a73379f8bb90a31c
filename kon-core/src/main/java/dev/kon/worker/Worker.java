package dev.kon.worker;

import dev.kon.Backend;
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
 * keeps long tasks' messages hidden and claims alive.
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
    private final Room room;
    private final BlockingQueue<BundleRun> work = new LinkedBlockingQueue<>();
    private final Set<BundleRun> live = ConcurrentHashMap.newKeySet();
    private final LongAdder tasksRun = new LongAdder();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread pollerThread;
    private final Thread flusherThread;
    private final Thread[] executors;
    private final ScheduledExecutorService heartbeats;
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
        this.room = new Room(cfg.threads(), cfg.adaptivePrefetch() ? WorkerConfig.INITIAL_PREFETCH : cfg.prefetch(),
                cfg.adaptivePrefetch());
        this.runner = new TaskRunner(handlers, backend.blobs(), clock, cfg);
        this.poller = new Poller(this, cfg, tasks, backend.ledger(), bodies, dead, room, clock);
        this.flusher = new ResultFlusher(this, cfg, backend.queues(), tasks, backend.ledger(), bodies, dead, clock);
        this.heartbeat = new LeaseHeartbeat(this, cfg, tasks, backend.ledger(), clock);
        this.pollerThread = thread("kon-poller", poller);
        this.flusherThread = thread("kon-flusher", flusher);
        this.executors = new Thread[cfg.threads()];
        for (int i = 0; i < executors.length; i++) {
            String threadId = id + "/t" + i;
            executors[i] = thread("kon-exec-" + i, () -> execute(threadId));
        }
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> thread("kon-heartbeat", r));
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
        LOG.info("worker {} started on '{}' with {} threads", id, tasks.name(), cfg.threads());
        return this;
    }

    /** Tasks this worker has run (successfully or not) since it started. */
    public long tasksRun() {
        return tasksRun.sum();
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
        run.packed(ResultPacking.pack(run.bundle.run(), run.results(), tasks.limits()));
    }

    /** The flusher is done with a bundle, whatever the outcome. */
    void release(BundleRun run) {
        live.remove(run);
    }

    private void execute(String threadId) {
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
            // Short tasks are taken a few at a time (less contention on the bundle's counter); long bundles of
            // few tasks still spread one task per thread.
            int chunk = Math.max(1, run.size() / (4 * executors.length));
            java.util.function.BooleanSupplier cancelled = run::cancelled;
            run.started();
            int start;
            while ((start = run.take(chunk)) >= 0) {
                int end = Math.min(run.size(), start + chunk);
                for (int i = start; i < end; i++) {
                    Task task = run.task(i);
                    run.record(i, run.cancelled()
                            ? TaskResult.failed(task.id(), "cancelled: lease lost", threadId, 0)
                            : runner.run(task, threadId, cancelled));
                    if (killed) {
                        return;
                    }
                }
                tasksRun.add(end - start);
                if (run.finished(end - start)) {
                    room.finished(run.runMillis() * Math.min(run.size(), executors.length));
                    if (!run.cancelled()) {
                        pack(run);
                    }
                    flusher.offer(run);
                }
            }
        }
    }
}
