package dev.kon;

import dev.kon.blob.BlobStore;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.queue.QueueService;
import dev.kon.runs.InMemoryRunRegistry;
import dev.kon.runs.RunRegistry;
import dev.kon.workers.InMemoryWorkerRegistry;
import dev.kon.workers.WorkerRegistry;
import java.util.Objects;

/**
 * The services a deployment of Kon runs on: queues, the execution ledger, the blob store, the run registry and
 * the worker registry. In local mode all are in memory (or a folder); in the cloud they are SQS, DynamoDB (ledger
 * and registries) and S3. Workers and clients are written against this and nothing else. The ledger adds completed bundles' counts to the
 * registry's records (see {@link RunRegistry}), so the two must be of one deployment.
 */
public record Backend(QueueService queues, ExecutionLedger ledger, BlobStore blobs, RunRegistry runs,
        WorkerRegistry workers) {
    public Backend {
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(workers, "workers");
    }

    /** A backend whose worker registry is this process's own map: workers are not seen by other processes. */
    public Backend(QueueService queues, ExecutionLedger ledger, BlobStore blobs, RunRegistry runs) {
        this(queues, ledger, blobs, runs, new InMemoryWorkerRegistry());
    }

    /**
     * A backend with a registry of its own, which the ledger does not count into: runs are listed, but their
     * done and failed counts stay zero. For tests and tools that do not look at runs.
     */
    public Backend(QueueService queues, ExecutionLedger ledger, BlobStore blobs) {
        this(queues, ledger, blobs, new InMemoryRunRegistry());
    }
}
