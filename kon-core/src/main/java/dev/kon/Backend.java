package dev.kon;

import dev.kon.blob.BlobStore;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.queue.QueueService;
import java.util.Objects;

/**
 * The three services a deployment of Kon runs on: queues, the execution ledger and the blob store. In local mode
 * all three are in memory (or a folder); in the cloud they are SQS, DynamoDB and S3. Workers and clients are
 * written against this and nothing else.
 */
public record Backend(QueueService queues, ExecutionLedger ledger, BlobStore blobs) {
    public Backend {
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(blobs, "blobs");
    }
}
