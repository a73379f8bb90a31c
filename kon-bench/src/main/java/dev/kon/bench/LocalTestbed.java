package dev.kon.bench;

import dev.kon.Backend;
import dev.kon.blob.FileSystemBlobStore;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.task.SleepHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Local mode, wired as {@code kon run} wires it: a fresh in-memory queue service and ledger per cell, one
 * {@link Worker} with N threads (adaptive prefetch), and a {@link RunClient} that keeps at most
 * {@value #MAX_WAITING} messages waiting on the queue. Blobs go to a temporary folder, removed on close.
 */
public final class LocalTestbed implements Testbed {
    /** Messages left waiting on the in-memory queue before submission pauses (as {@code kon run}). */
    public static final int MAX_WAITING = 64;
    /** {@code sleep 0} tasks of the untimed warm-up. */
    public static final long WARM_UP_TASKS = 50_000;
    private static final String QUEUE = "local-tasks";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private final Path blobDir;
    private final TaskHandlers handlers = TaskHandlers.of(new SleepHandler());

    public LocalTestbed() {
        try {
            this.blobDir = Files.createTempDirectory("kon-bench-blobs");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary blob folder: " + e.getMessage(), e);
        }
    }

    @Override
    public RunReport run(Cell cell, Duration timeout) throws InterruptedException {
        Backend backend = new Backend(new InMemoryQueueService(), new InMemoryExecutionLedger(Clock.systemUTC()),
                new FileSystemBlobStore(blobDir));
        backend.queues().create(QueueSpec.of(QUEUE + "-dead"));
        backend.queues().create(QueueSpec.of(QUEUE).withDeadLetterQueue(QUEUE + "-dead",
                QueueSpec.DEFAULT_MAX_RECEIVES));
        WorkerConfig cfg = WorkerConfig.defaults(QUEUE).withThreads(cell.workers())
                .withPollWait(Duration.ofMillis(500));
        Worker worker = new Worker(cfg, backend, handlers, Clock.systemUTC()).start();
        try {
            RunRequest req = new RunRequest(QUEUE, cell::newTasks, cell.tasks(), cell.totalSleepMillis(),
                    cell.workers(), 0, Duration.ZERO, timeout);
            return new RunClient(backend, MAX_WAITING).run(RunSpec.newRunId(), req, r -> { }, b -> { },
                    new RunListener() { });
        } finally {
            worker.stop(STOP_GRACE);
        }
    }

    @Override
    public void warmUp() throws InterruptedException {
        run(new Cell(BenchKind.THROUGHPUT, BenchMode.LOCAL, 2, WARM_UP_TASKS, 0), Duration.ofMinutes(2));
    }

    @Override
    public String describe() {
        return "in-memory queue and ledger, worker threads in this JVM (" + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version().feature() + ")";
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(blobDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
