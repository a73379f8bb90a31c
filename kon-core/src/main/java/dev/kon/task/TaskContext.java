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
     * True once the worker has been asked to stop immediately, has lost this task's lease (or could not renew it
     * before it ran out), or the task is past its time limit. The worker also interrupts the task's thread then:
     * blocking calls end with {@link InterruptedException}; long computations should check this between steps
     * (at least every few hundred milliseconds) and give up. Their result is then discarded or counted as failed.
     */
    boolean isCancelled();

    /**
     * The fencing token of this run of the task: the attempt number the execution ledger gave the claim that runs
     * it, 1 for the first claim of its bundle and one more for each claim after an expired lease. A handler that
     * writes to the blob store puts it in the key it writes (for example {@code out/NAME.a3.mp4}), so a stale
     * attempt still running on a frozen worker never overwrites the output of the attempt that completes, and the
     * result names only the completing attempt's object.
     */
    long attempt();
}
