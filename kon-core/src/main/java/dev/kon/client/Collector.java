package dev.kon.client;

import dev.kon.FatalErrors;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
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
    private final DeadLetters deadLetters;
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
    private long unreadable;
    private volatile Throwable failure;
    private volatile long lastResultNanos = System.nanoTime();

    /**
     * @param deadLetters where result messages that cannot be read go (see {@link ReplyIntake})
     * @param beforeAck   keeps the results of a received batch before its messages are deleted; if it throws,
     *                    nothing is deleted and the messages are received again
     */
    public Collector(TaskQueue replies, LargeBodies bodies, DeadLetters deadLetters, long expected, ResultSink sink,
            int receiverThreads, Consumer<List<ResultBatch>> beforeAck) {
        if (receiverThreads < 1) {
            throw new IllegalArgumentException("receiverThreads must be >= 1, was " + receiverThreads);
        }
        this.replies = replies;
        this.bodies = bodies;
        this.deadLetters = deadLetters;
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
        return new CollectStats(expected, distinct, succeeded, failed, duplicates, unreadable);
    }

    /** How long since the last new result arrived (for "is any worker running?" hints). */
    public Duration sinceLastResult() {
        return Duration.ofNanos(System.nanoTime() - lastResultNanos);
    }

    private void receiveLoop() {
        while (!closed && complete.getCount() > 0) {
            try {
                receiveOnce();
            } catch (Throwable e) {
                if (FatalErrors.isFatal(e)) {
                    fatal(e);
                    return;
                }
                // Nothing one message holds gets here (ReplyIntake answers for those); log and go on.
                LOG.error("receiving from '{}' failed unexpectedly; going on", replies.name(), e);
            }
        }
    }

    private void receiveOnce() {
        List<QueueMessage> got;
        try {
            got = replies.receive(replies.limits().maxBatch(), Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("receive from '{}' failed, retrying: {}", replies.name(), e.toString());
            }
            return;
        }
        if (got.isEmpty()) {
            return;
        }
        ReplyIntake.Intake in = ReplyIntake.read(got, bodies, deadLetters, replies.name());
        try {
            beforeAck.accept(in.batches());
        } catch (RuntimeException e) {
            LOG.warn("could not archive {} result messages; they will be received again: {}", got.size(),
                    e.toString());
            return;
        }
        in.batches().forEach(this::take);
        if (in.unreadable() > 0) {
            synchronized (this) {
                unreadable += in.unreadable();
            }
        }
        try {
            ReplyIntake.finish(in, replies, bodies);
        } catch (RuntimeException e) {
            LOG.debug("acknowledging results failed; duplicates will be dropped: {}", e.toString());
        }
    }

    /** A receiver hit an error of the machine itself: the collection cannot be trusted to finish. */
    private void fatal(Throwable e) {
        failure = e;
        complete.countDown();
    }

    /**
     * The error of the machine (out of memory) that stopped collecting, if one did; {@link #await} returns at once
     * then, and the caller should end the process with it rather than report a run as missing results.
     */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
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
}
