package dev.kon.queue;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends many bodies in as few calls as the queue's limits allow: at most {@link QueueLimits#maxBatch()} entries
 * and {@link QueueLimits#maxBodyBytes()} bytes per call (SQS limits a batch's total size too), retrying failed
 * entries a few times.
 */
public final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    /** Attempts for an entry the queue refused, the first included. */
    public static final int ATTEMPTS = 4;

    private BatchSender() {
    }

    /** Answers true when every body was accepted by the queue. */
    public static boolean sendAll(TaskQueue q, List<String> bodies) {
        QueueLimits limits = q.limits();
        List<String> batch = new ArrayList<>(limits.maxBatch());
        long batchBytes = 0;
        boolean ok = true;
        for (String body : bodies) {
            int size = dev.kon.wire.WireCodec.utf8Length(body);
            if (!batch.isEmpty() && (batch.size() == limits.maxBatch() || batchBytes + size > limits.maxBodyBytes())) {
                ok &= sendWithRetry(q, batch);
                batch = new ArrayList<>(limits.maxBatch());
                batchBytes = 0;
            }
            batch.add(body);
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            ok &= sendWithRetry(q, batch);
        }
        return ok;
    }

    private static boolean sendWithRetry(TaskQueue q, List<String> batch) {
        List<String> pending = batch;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            BatchResult r;
            try {
                r = q.send(pending);
            } catch (QueueException e) {
                if (attempt == ATTEMPTS) {
                    LOG.warn("sending {} messages to '{}' failed: {}", pending.size(), q.name(), e.getMessage());
                    return false;
                }
                pause(attempt);
                continue;
            }
            if (r.allOk()) {
                return true;
            }
            List<String> again = new ArrayList<>();
            for (BatchResult.Failure f : r.failures()) {
                again.add(pending.get(f.index()));
            }
            LOG.debug("{} of {} entries refused by '{}', retrying", again.size(), pending.size(), q.name());
            pending = again;
            pause(attempt);
        }
        LOG.warn("{} messages could not be sent to '{}'", pending.size(), q.name());
        return false;
    }

    /** A short back-off between attempts (real time: the remote queue is busy, not an event to wait for). */
    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
