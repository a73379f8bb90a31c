package dev.kon.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends many messages in as few calls as the queue allows ({@link QueueLimits#maxBatch()} entries per call; the
 * queue splits further by bytes), retrying refused entries a few times.
 */
public final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    /** Attempts for an entry the queue refused, the first included. */
    public static final int ATTEMPTS = 4;

    private BatchSender() {
    }

    /** Sends text bodies; answers true when the queue accepted every one. */
    public static boolean sendAll(TaskQueue q, List<String> bodies) {
        return sendAll(q, bodies, Function.identity());
    }

    /**
     * Sends objects through {@link TaskQueue#sendObjects}, so in-process queues skip the encoding; answers true when
     * the queue accepted every one. {@code encoder} must answer bodies within the queue's size limit.
     */
    public static <T> boolean sendAll(TaskQueue q, List<T> items, Function<? super T, String> encoder) {
        int max = q.limits().maxBatch();
        boolean ok = true;
        for (int i = 0; i < items.size(); i += max) {
            ok &= sendWithRetry(q, items.subList(i, Math.min(items.size(), i + max)), encoder);
        }
        return ok;
    }

    private static <T> boolean sendWithRetry(TaskQueue q, List<T> batch, Function<? super T, String> encoder) {
        List<T> pending = batch;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            BatchResult r;
            try {
                r = q.sendObjects(pending, encoder);
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
            List<T> again = new ArrayList<>();
            for (BatchResult.Failure f : r.failures()) {
                again.add(pending.get(f.index()));
            }
            LOG.debug("{} of {} entries refused by '{}', retrying", again.size(), pending.size(), q.name());
            pending = again;
            if (attempt < ATTEMPTS) {
                pause(attempt);
            }
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
