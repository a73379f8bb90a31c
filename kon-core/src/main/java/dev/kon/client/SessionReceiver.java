package dev.kon.client;

import dev.kon.FatalErrors;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a {@link RequestSession} that reads its reply queue: long-polls it, hands each result message's
 * results to the call of that run (looked up by run id; a run with no call waiting is dropped), then deletes the
 * messages and the blobs of spilled bodies. Messages it cannot read go to the dead-letter queue (see
 * {@link ReplyIntake}); nothing one message holds stops the thread.
 *
 * <p>Thread-safety: {@link #start} and {@link #stop} are called by the session, once each.
 */
final class SessionReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(SessionReceiver.class);
    private final TaskQueue replies;
    private final LargeBodies bodies;
    private final DeadLetters deadLetters;
    private final Runnable onFatal;
    private final Function<String, PendingCall> calls;
    private final String wakeRun;
    private final Duration pollWait;
    private final Duration retryPause;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;

    /**
     * @param deadLetters where reply messages that cannot be read go
     * @param calls       the call waiting for a run id's results, or null
     * @param wakeRun     a run id no call has: {@link #stop} sends an empty result message of it to end a long poll
     * @param onFatal     run once if the receiver stops on an error of the machine (out of memory)
     */
    SessionReceiver(TaskQueue replies, LargeBodies bodies, DeadLetters deadLetters,
            Function<String, PendingCall> calls, String wakeRun, Duration pollWait, Duration retryPause,
            Runnable onFatal) {
        this.replies = replies;
        this.bodies = bodies;
        this.deadLetters = deadLetters;
        this.onFatal = onFatal;
        this.calls = calls;
        this.wakeRun = wakeRun;
        this.pollWait = pollWait;
        this.retryPause = retryPause;
        this.thread = new Thread(this::receiveLoop, "kon-session-" + replies.name());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Stops the thread and waits for it, at most about {@code 2 * wait}. Ends the long poll in progress with a
     * message rather than an interrupt: a remote queue's receive returns early on interrupt, but its HTTP poll goes
     * on in the adapter's pool and would still be waiting on the queue when the session deletes it. The message
     * ends the poll at the server; an interrupt is the fallback.
     */
    void stop(Duration wait) {
        stopped = true;
        stopping.countDown();
        if (!thread.isAlive()) {
            return;
        }
        try {
            replies.sendObjects(List.of(new ResultBatch(wakeRun, List.of())), WireCodec::encodeResults);
        } catch (RuntimeException e) {
            LOG.debug("could not wake the receiver of '{}' by a message: {}", replies.name(), e.toString());
        }
        try {
            thread.join(wait.toMillis());
            if (thread.isAlive()) {
                LOG.debug("the receiver of '{}' did not stop within {} ms; interrupting it", replies.name(),
                        wait.toMillis());
                thread.interrupt();
                thread.join(wait.toMillis());
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private void receiveLoop() {
        while (!stopped) {
            try {
                if (!receiveOnce()) {
                    return;
                }
            } catch (Throwable e) {
                if (FatalErrors.isFatal(e)) {
                    // The session cannot be trusted to answer: calls waiting on it end without their results.
                    failure = e;
                    LOG.error("the receiver of '{}' hit {}; no more replies will be read", replies.name(),
                            e.toString());
                    onFatal.run();
                    return;
                }
                LOG.error("receiving from '{}' failed unexpectedly; going on", replies.name(), e);
                pause();
            }
        }
    }

    /** One receive and what follows; false when the session is stopping. */
    private boolean receiveOnce() {
        List<QueueMessage> got;
        try {
            got = replies.receive(replies.limits().maxBatch(), pollWait);
        } catch (RuntimeException e) {
            if (stopped) {
                return false;
            }
            LOG.warn("receive from '{}' failed, retrying in {} ms: {}", replies.name(), retryPause.toMillis(),
                    e.toString());
            pause();
            return true;
        }
        if (stopped) {
            // The queue is about to be deleted with whatever it holds, and every call has been woken.
            return false;
        }
        if (!got.isEmpty()) {
            handle(got);
        }
        return true;
    }

    private void handle(List<QueueMessage> got) {
        ReplyIntake.Intake in = ReplyIntake.read(got, bodies, deadLetters, replies.name());
        for (ResultBatch batch : in.batches()) {
            PendingCall call = calls.apply(batch.run());
            if (call != null) {
                int strays = call.take(batch.results());
                if (strays > 0) {
                    LOG.debug("dropped {} results of run {} for tasks it did not send", strays, batch.run());
                }
            } else if (!batch.run().equals(wakeRun)) {
                LOG.debug("dropped {} results of run {}: its call has returned", batch.results().size(),
                        batch.run());
            }
        }
        try {
            ReplyIntake.finish(in, replies, bodies);
        } catch (RuntimeException e) {
            LOG.debug("deleting {} reply messages failed; their duplicates will be dropped: {}", got.size(),
                    e.toString());
        }
    }

    /** The error of the machine that stopped this receiver, or null. */
    Throwable failure() {
        return failure;
    }

    private void pause() {
        try {
            stopping.await(retryPause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
