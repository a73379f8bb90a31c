package dev.kon.task;

import dev.kon.blob.BlobStore;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * What a handler may use while it runs a task. Thread-confined: one context per running task.
 */
public interface TaskContext {

    /** The blob store of this deployment (S3 in the cloud, a folder locally). */
    BlobStore blobs();

    /** A logger named after the task type. */
    Logger log();

    /** The clock the worker runs on; handlers measure and time out with it instead of {@code Instant.now()}. */
    Clock clock();

    /** This worker's identity ({@code host/pid/thread}), for logs and outputs. */
    String workerId();

    /**
     * True once the worker has been asked to stop immediately or has lost this task's lease. Long handlers should
     * check it between steps and give up early; their result is then discarded.
     */
    boolean isCancelled();
}
