package dev.kon.apps.video;

import dev.kon.blob.BlobStore;
import dev.kon.task.TaskContext;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskContext} for handler tests: a given blob store and attempt number, the system clock, and a cancel
 * switch.
 */
final class VideoTaskContext implements TaskContext {
    private final BlobStore blobs;
    private final long attempt;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    VideoTaskContext(BlobStore blobs) {
        this(blobs, 1);
    }

    VideoTaskContext(BlobStore blobs, long attempt) {
        this.blobs = blobs;
        this.attempt = attempt;
    }

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public Logger log() {
        return LoggerFactory.getLogger("video");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public String workerId() {
        return "test/1/main";
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
