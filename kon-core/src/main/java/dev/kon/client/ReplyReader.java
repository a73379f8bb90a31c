package dev.kon.client;

import dev.kon.FatalErrors;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one reply queue and hands each result message's results to the {@link ResultTally} of its run, looked up
 * by run id: one run for {@code kon submit} (its own reply queue), many for a {@link RequestSession} (one queue,
 * a run per call). Results of a run with no tally (a call that has returned) are dropped.
 *
 * <p>Per batch of messages: decode ({@link ReplyIntake}: unreadable ones go to the dead-letter queue, ones whose
 * spilled body cannot be fetched right now stay on the queue), let {@code beforeAck} keep the results (the run's
 * archive; if it throws, nothing is deleted and the messages come back), hand them to their tallies, then delete
 * the messages and the blobs of spilled bodies. Nothing one message holds stops a reading thread; an error of the
 * machine (out of memory) stops them all, abandons every tally's wait and is answered by {@link #failure()}.
 *
 * <p>{@link #close} ends the long polls in progress with a message rather than an interrupt: a remote queue's
 * receive returns early on interrupt, but its HTTP poll goes on in the adapter's pool and would still be waiting
 * on the queue when the caller deletes it. The message ends the poll at the server; an interrupt is the fallback.
 *
 * <p>Thread-safety: start and close once each, from any thread.
 */
public final class ReplyReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyReader.class);
    /** How long {@link #close} waits for the readers to stop on their own before interrupting them (and after). */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private final TaskQueue replies;
    private final LargeBodies bodies;
    private final DeadLetters deadLetters;
    private final Function<String, ResultTally> tallies;
    private final Consumer<List<ResultBatch>> beforeAck;
    private final Duration pollWait;
    private final Duration retryPause;
    private final String wakeRun;
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** A permit for each reading thread that has stopped. */
    private final Semaphore exits = new Semaphore(0);
    private final Runnable onFatal;
    private volatile boolean closed;
    private volatile Throwable failure;
    private long unreadable;

    /**
     * @param tallies   the tally of a run id, or null when no one waits for that run any more
     * @param beforeAck keeps a batch's results before its messages are deleted (pass {@code b -> {}} for none)
     * @param threads   reading threads (a run of many tasks reads faster with a few)
     * @param pollWait  long-poll wait of one receive (at most 20 s)
     * @param wakeRun   a run id no tally has: {@link #close} sends empty results of it to end long polls
     * @param onFatal   run once if the readers stop on an error of the machine
     */
    public ReplyReader(TaskQueue replies, LargeBodies bodies, DeadLetters deadLetters,
            Function<String, ResultTally> tallies, Consumer<List<ResultBatch>> beforeAck, int threads,
            Duration pollWait, Duration retryPause, String wakeRun, Runnable onFatal) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.replies = replies;
        this.bodies = bodies;
        this.deadLetters = deadLetters;
        this.tallies = tallies;
        this.beforeAck = beforeAck;
        this.pollWait = pollWait;
        this.retryPause = retryPause;
        this.wakeRun = wakeRun;
        this.onFatal = onFatal;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::readLoop, "kon-replies-" + i + "-" + replies.name());
            t.setDaemon(true);
            this.threads.add(t);
        }
    }

    public ReplyReader start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** The error of the machine that stopped the readers, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Result messages that could not be read so far (moved to the dead-letter queue, or left if that failed). */
    public synchronized long unreadable() {
        return unreadable;
    }

    private void readLoop() {
        try {
            while (!closed) {
                try {
                    readOnce();
                } catch (Throwable e) {
                    if (FatalErrors.isFatal(e)) {
                        failure = e;
                        LOG.error("reading '{}' stopped: {}", replies.name(), e.toString());
                        onFatal.run();
                        return;
                    }
                    // Nothing one message holds gets here (ReplyIntake answers for those); log, pause, go on.
                    LOG.error("reading '{}' failed unexpectedly; going on", replies.name(), e);
                    pause();
                }
            }
        } finally {
            exits.release();
        }
    }

    private void readOnce() {
        List<QueueMessage> got;
        try {
            got = replies.receive(replies.limits().maxBatch(), pollWait);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("receive from '{}' failed, retrying in {} ms: {}", replies.name(), retryPause.toMillis(),
                        e.toString());
                pause();
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
            LOG.warn("could not keep {} result messages; they will be received again: {}", got.size(),
                    e.toString());
            return;
        }
        for (ResultBatch batch : in.batches()) {
            ResultTally tally = tallies.apply(batch.run());
            if (tally != null) {
                int strays = tally.take(batch.results());
                if (strays > 0) {
                    LOG.debug("dropped {} results of run {} for tasks it did not send", strays, batch.run());
                }
            } else if (!batch.run().equals(wakeRun)) {
                LOG.debug("dropped {} results of run {}: no one waits for it", batch.results().size(), batch.run());
            }
        }
        if (in.unreadable() > 0) {
            synchronized (this) {
                unreadable += in.unreadable();
            }
        }
        try {
            ReplyIntake.finish(in, replies, bodies);
        } catch (RuntimeException e) {
            LOG.debug("deleting {} reply messages failed; their duplicates will be dropped: {}", got.size(),
                    e.toString());
        }
    }

    private void pause() {
        try {
            stopping.await(retryPause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops reading and waits for the threads, at most about {@code 2 * STOP_WAIT}: a thread finishes the batch it
     * holds (keeping, taking, deleting), so nothing it received is left half done. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping.countDown();
        if (threads.stream().noneMatch(Thread::isAlive)) {
            return;
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            wakeAll(deadline);
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            for (Thread t : threads) {
                if (t.isAlive()) {
                    LOG.debug("a reader of '{}' did not stop within {} ms; interrupting it", replies.name(),
                            STOP_WAIT.toMillis());
                    t.interrupt();
                    t.join(STOP_WAIT.toMillis());
                }
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends a wake message for each reader still polling, again each time one stops while others poll on, until
     * all have stopped or {@code deadline} passes. One receive takes every message there is up to a batch, so the
     * first reader to wake may take all the wake messages of a round and leave the others waiting out their poll
     * (a second on an in-memory queue, where the first receive always takes them all).
     */
    private void wakeAll(long deadline) throws InterruptedException {
        int polling = threads.size() - exits.drainPermits();
        while (polling > 0) {
            try {
                List<ResultBatch> wake = new ArrayList<>();
                for (int i = 0; i < polling; i++) {
                    wake.add(new ResultBatch(wakeRun, List.of()));
                }
                replies.sendObjects(wake, WireCodec::encodeResults);
            } catch (RuntimeException e) {
                LOG.debug("could not wake the readers of '{}' by a message: {}", replies.name(), e.toString());
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !exits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                return;
            }
            polling -= 1 + exits.drainPermits();
        }
    }
}
