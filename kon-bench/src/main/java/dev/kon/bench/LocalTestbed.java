package dev.kon.bench;

import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.local.LocalMode;
import dev.kon.task.SleepHandler;
import dev.kon.task.TaskHandlers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Local mode as {@code kon run} runs it ({@link LocalMode}): a fresh in-memory queue service, ledger and worker of
 * N threads (adaptive prefetch) per cell, and a {@link RunClient} that keeps at most
 * {@value LocalMode#MAX_WAITING} messages waiting on the queue. Blobs go to a temporary folder, removed on close.
 */
public final class LocalTestbed implements Testbed {
    /** {@code sleep 0} tasks of the untimed warm-up. */
    public static final long WARM_UP_TASKS = 50_000;
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
        try (LocalMode local = LocalMode.start(LocalMode.Options.of(blobDir, handlers, cell.workers()))) {
            RunRequest req = new RunRequest(local.queue(), cell::newTasks, cell.tasks(), cell.totalSleepMillis(),
                    cell.workers(), 0, Duration.ZERO, timeout);
            return new RunClient(local.backend(), LocalMode.MAX_WAITING).run(RunSpec.newRunId(), req, r -> { },
                    b -> { }, new RunListener() { });
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
