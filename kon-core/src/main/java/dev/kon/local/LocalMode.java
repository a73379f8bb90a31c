package dev.kon.local;

import dev.kon.Backend;
import dev.kon.blob.FileSystemBlobStore;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.task.TaskHandlers;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import dev.kon.worker.WorkerFailedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Local mode: Kon's engine on in-memory adapters in one process, as {@code kon run} and the local benchmark run it.
 * An in-memory queue service and execution ledger, blobs in a folder, the task queue {@value #QUEUE} (with its
 * dead-letter queue, redrive after {@link QueueSpec#DEFAULT_MAX_RECEIVES} receives) and one {@link Worker} of N
 * threads on it, polling every {@link #POLL_WAIT}. Submit and collect with a {@code RunClient} on
 * {@link #backend()} that keeps at most {@value #MAX_WAITING} messages waiting on the queue, so a huge workload
 * never sits in memory.
 *
 * <p>Thread-safe as its parts are. {@link #close} stops the worker, giving the tasks in hand up to
 * {@link #STOP_GRACE}; the blob folder stays (it is the caller's).
 */
public final class LocalMode implements AutoCloseable {
    /** The task queue's name. */
    public static final String QUEUE = "local-tasks";
    /** Messages left waiting on the in-memory queue before submission pauses. */
    public static final int MAX_WAITING = 64;
    /** The worker's long-poll wait: short, since an in-memory receive is cheap and bounds how long a stop takes. */
    public static final Duration POLL_WAIT = Duration.ofMillis(500);
    /** How long {@link #close} lets the worker finish the tasks in hand. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * Most work, on average, of a task that local mode packs in bundles of up to {@link RunSpec#MAX_BUNDLE} tasks:
     * 0.1 ms (a full bundle then holds at most {@link RunRequest#MIN_BUNDLE_WORK_MILLIS} of sleep).
     */
    public static final double TINY_TASK_MILLIS = (double) RunRequest.MIN_BUNDLE_WORK_MILLIS / RunSpec.MAX_BUNDLE;

    private final Backend backend;
    private final Worker worker;

    private LocalMode(Backend backend, Worker worker) {
        this.backend = backend;
        this.worker = worker;
    }

    /**
     * What to start. Immutable; make one with {@link #of}.
     *
     * @param blobDir   the folder for task inputs and outputs; must exist
     * @param handlers  the task types the worker runs
     * @param threads   worker threads, at least 1
     * @param onFailure hears that the worker failed on its own (out of memory, a task that will not stop); called
     *                  once, after the worker has abandoned its work (default: nobody)
     */
    public record Options(Path blobDir, TaskHandlers handlers, int threads,
            Consumer<WorkerFailedException> onFailure) {
        public Options {
            Objects.requireNonNull(blobDir, "blobDir");
            Objects.requireNonNull(handlers, "handlers");
            Objects.requireNonNull(onFailure, "onFailure");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
        }

        public static Options of(Path blobDir, TaskHandlers handlers, int threads) {
            return new Options(blobDir, handlers, threads, e -> { });
        }

        public Options withOnFailure(Consumer<WorkerFailedException> listener) {
            return new Options(blobDir, handlers, threads, listener);
        }
    }

    /**
     * The bundle size for a run of {@code tasks} tasks whose sleeps add up to {@code sleepMillis} (-1 when they are
     * not all sleeps), when its caller chose none: for tiny tasks (at most {@link #TINY_TASK_MILLIS} each on average)
     * about a thousandth of the run, up to {@link RunSpec#MAX_BUNDLE}; else 0, the run's automatic size
     * ({@link RunRequest#effectiveBundleSize}), which stops at {@value RunRequest#AUTO_BUNDLE_MAX}. In one process a
     * bundle costs a claim, a message each way and a batch of results, which for a {@code sleep 0} is more than
     * its tasks; the automatic size keeps its cap for work whose results should come in more often.
     */
    public static int bundleSize(long tasks, long sleepMillis) {
        if (tasks <= 0 || sleepMillis < 0 || sleepMillis > TINY_TASK_MILLIS * tasks) {
            return 0;
        }
        return RunSpec.autoBundleSize(tasks, RunSpec.MAX_BUNDLE);
    }

    /** Makes the backend and the queues, and starts the worker on them. */
    public static LocalMode start(Options options) {
        Clock clock = Clock.systemUTC();
        Backend backend = new Backend(new InMemoryQueueService(), new InMemoryExecutionLedger(clock),
                new FileSystemBlobStore(options.blobDir()));
        // Creates the dead-letter queue too.
        backend.queues().create(QueueSpec.of(QUEUE).withDeadLetterQueue(QueueSpec.deadLetterQueueOf(QUEUE),
                QueueSpec.DEFAULT_MAX_RECEIVES));
        WorkerConfig cfg = WorkerConfig.defaults(QUEUE).withThreads(options.threads()).withPollWait(POLL_WAIT);
        Worker worker = new Worker(cfg, backend, options.handlers(), clock).onFailure(options.onFailure()).start();
        return new LocalMode(backend, worker);
    }

    /** The in-memory queues and ledger and the blob folder the worker runs on. */
    public Backend backend() {
        return backend;
    }

    /** The name of the task queue the worker polls. */
    public String queue() {
        return QUEUE;
    }

    /** Stops the worker, letting it finish the tasks in hand for up to {@link #STOP_GRACE}. */
    @Override
    public void close() throws InterruptedException {
        worker.stop(STOP_GRACE);
    }
}
