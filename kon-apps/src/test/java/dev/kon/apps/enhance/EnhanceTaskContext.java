package dev.kon.apps.enhance;

import dev.kon.blob.InMemoryBlobStore;
import dev.kon.task.TaskContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * A {@link TaskContext} for the enhance tests whose attempt number is chosen and which can be cancelled the way
 * the worker does it: {@link #cancel} makes {@link #isCancelled} true (the caller interrupts the task's thread).
 * Blobs in memory, a fixed clock, a silent logger.
 */
final class EnhanceTaskContext implements TaskContext {
    private final InMemoryBlobStore blobs;
    private final long attempt;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    EnhanceTaskContext(InMemoryBlobStore blobs, long attempt) {
        this.blobs = blobs;
        this.attempt = attempt;
    }

    EnhanceTaskContext() {
        this(new InMemoryBlobStore(), 1);
    }

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public InMemoryBlobStore blobs() {
        return blobs;
    }

    @Override
    public Logger log() {
        return NOPLogger.NOP_LOGGER;
    }

    @Override
    public Clock clock() {
        return Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    }

    @Override
    public String workerId() {
        return "test";
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public long attempt() {
        return attempt;
    }
}
