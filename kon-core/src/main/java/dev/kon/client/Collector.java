package dev.kon.client;

import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a run's reply queue until every expected task has a result. Each task is reported once: the queues may
 * deliver a result twice (a message redelivered, a task run again after a worker died), and duplicates are
 * dropped by task id. A result message is deleted only after {@code beforeAck} has kept its bodies (the run's
 * archive, so {@code kon collect} can pick the run up again if this client dies).
 *
 * <p>Thread-safety: runs its own receiving threads; the sink is called by one of them at a time.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private final TaskQueue replies;
    private final LargeBodies bodies;
    private final long expected;
    private final ResultSink sink;
    private final Consumer<List<ResultBatch>> beforeAck;
    private final SeenIds seen = new SeenIds();
    private final CountDownLatch complete = new CountDownLatch(1);
    private final List<Thread> receivers = new ArrayList<>();
    private volatile boolean closed;
    private long distinct;
    private long succeeded;
    private long failed;
    private long duplicates;
    private volatile long lastResultNanos = System.nanoTime();

    public Collector(TaskQueue replies, LargeBodies bodies, long expected, ResultSink sink, int receiverThreads,
            Consumer<List<ResultBatch>> beforeAck) {
        if (receiverThreads < 1) {
            throw new IllegalArgumentException("receiverThreads must be >= 1, was " + receiverThreads);
        }
        this.replies = replies;
        this.bodies = bodies;
        this.expected = expected;
        this.sink = sink;
        this.beforeAck = beforeAck;
        for (int i = 0; i < receiverThreads; i++) {
            Thread t = new Thread(this::receiveLoop, "kon-collector-" + i);
            t.setDaemon(true);
            receivers.add(t);
        }
        if (expected == 0) {
            complete.countDown();
        }
    }

    public Collector start() {
        receivers.forEach(Thread::start);
        return this;
    }

    /** Offers results read back from elsewhere (a run's archive) as if they had arrived on the queue. */
    public void replay(ResultBatch batch) {
        take(batch);
    }

    /** Waits until every expected task has a result; answers false if {@code timeout} passed first. */
    public boolean await(Duration timeout) throws InterruptedException {
        return complete.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized CollectStats stats() {
        return new CollectStats(expected, distinct, succeeded, failed, duplicates);
    }

    /** How long since the last new result arrived (for "is any worker running?" hints). */
    public Duration sinceLastResult() {
        return Duration.ofNanos(System.nanoTime() - lastResultNanos);
    }

    private void receiveLoop() {
        while (!closed && complete.getCount() > 0) {
            List<QueueMessage> got;
            try {
                got = replies.receive(replies.limits().maxBatch(), Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("receive from '{}' failed, retrying: {}", replies.name(), e.toString());
                continue;
            }
            if (got.isEmpty()) {
                continue;
            }
            List<ResultBatch> batches = new ArrayList<>(got.size());
            for (QueueMessage m : got) {
                try {
                    batches.add(m.payload() instanceof ResultBatch b ? b
                            : WireCodec.decodeResults(bodies.resolve(m.body())));
                } catch (RuntimeException e) {
                    LOG.warn("result message {} unreadable, dropped: {}", m.messageId(), e.toString());
                }
            }
            try {
                beforeAck.accept(batches);
            } catch (RuntimeException e) {
                LOG.warn("could not archive {} result messages; they will be received again: {}", got.size(),
                        e.toString());
                continue;
            }
            batches.forEach(this::take);
            try {
                releaseAndAcknowledge(replies, bodies, got);
            } catch (RuntimeException e) {
                LOG.debug("acknowledging results failed; duplicates will be dropped: {}", e.toString());
            }
        }
    }

    private void take(ResultBatch batch) {
        synchronized (this) {
            for (TaskResult r : batch.results()) {
                if (!seen.add(r.taskId())) {
                    duplicates++;
                    continue;
                }
                distinct++;
                if (r.succeeded()) {
                    succeeded++;
                } else {
                    failed++;
                }
                sink.accept(r);
            }
            lastResultNanos = System.nanoTime();
            if (distinct >= expected) {
                complete.countDown();
            }
        }
    }

    /**
     * Stops receiving. Once every result is in, receivers are interrupted at once (they can only be waiting for
     * duplicates). Otherwise a receiver finishes the message batch it holds (keeping, taking, deleting), so nothing
     * it received is left half done, and one still waiting on the queue after a few seconds is interrupted.
     */
    @Override
    public void close() {
        closed = true;
        if (complete.getCount() == 0) {
            // Every result is in: what the receivers still wait for can only be duplicates, so cut their long
            // polls now instead of waiting them out.
            receivers.forEach(Thread::interrupt);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (Thread t : receivers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        receivers.forEach(Thread::interrupt);
    }

    /**
     * Once the results of {@code got} are taken: releases the bodies that went through the blob store (a
     * redelivered copy would only carry duplicates, which are dropped anyway), then deletes the messages.
     *
     * @throws RuntimeException when a release or the delete fails; the messages may then come back
     */
    static void releaseAndAcknowledge(TaskQueue replies, LargeBodies bodies, List<QueueMessage> got) {
        for (QueueMessage m : got) {
            if (m.payload() == null) {
                bodies.release(m.body());
            }
        }
        replies.acknowledge(got);
    }
}
