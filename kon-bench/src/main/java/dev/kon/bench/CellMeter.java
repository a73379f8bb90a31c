package dev.kon.bench;

import dev.kon.aws.usage.UsageMeter;
import dev.kon.aws.usage.UsageSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Measures a cell's AWS usage: the client's meter in this JVM, read at once, and the worker processes' usage
 * files, read once rewritten after the moment asked for (they are rewritten every second). Not thread-safe.
 */
final class CellMeter {
    /** How long to wait for every worker to have rewritten its usage file. */
    static final Duration FRESH_TIMEOUT = Duration.ofSeconds(10);
    private final UsageMeter client;

    /** Counts at one moment; {@code workers} is null when they could not be read. */
    record Mark(UsageSnapshot client, UsageSnapshot workers) { }

    CellMeter(UsageMeter client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The client's counts now and the workers' as of now or later; before the cell starts. */
    Mark mark(List<Path> workerFiles) throws InterruptedException {
        return new Mark(client(), workers(workerFiles));
    }

    UsageSnapshot client() {
        return client.snapshot();
    }

    /** The workers' counts as of now or later; null when there are none or one could not be read in time. */
    static UsageSnapshot workers(List<Path> workerFiles) throws InterruptedException {
        if (workerFiles.isEmpty()) {
            return null;
        }
        return UsageFiles.readFresh(workerFiles, Instant.now(), FRESH_TIMEOUT).orElse(null);
    }

    /** What happened between {@code before} and the counts after the cell. */
    static CellUsage between(Mark before, UsageSnapshot clientAfter, UsageSnapshot workersAfter, long tasks) {
        UsageSnapshot workers = before.workers() == null || workersAfter == null ? null
                : workersAfter.minus(before.workers());
        return new CellUsage(tasks, clientAfter.minus(before.client()), workers);
    }
}
