package dev.kon.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Runs a short AWS call to its end even if the calling thread is interrupted, then restores the interrupt.
 *
 * <p>Why: the SDK refuses to start (and may abandon) a call on an interrupted thread with
 * {@link AbortedException}. A worker that is asked to stop interrupts its poller, which may be between receiving
 * messages and claiming them; the claim, like an acknowledgement or a result send, must still go through, as it
 * does on the in-memory backend, or the work in hand is lost until a visibility timeout. Only waiting (a long
 * poll) should end early on an interrupt, and the queue adapter handles that itself.
 *
 * <p>A call the SDK aborted part way is made again (at most {@value #ATTEMPTS} times), so it must be idempotent or
 * its repetition harmless: every conditional ledger write, acknowledgement and visibility change is; a repeated
 * send may deliver a message twice, which SQS's at-least-once delivery allows anyway.
 */
public final class Uninterruptibly {
    static final int ATTEMPTS = 3;

    private Uninterruptibly() {
    }

    /** The result of {@code call}, made with the interrupt flag cleared; the flag is set again afterwards. */
    public static <T> T call(Supplier<T> call) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.get();
                } catch (AbortedException e) {
                    // Interrupted during the call; the SDK cleared the flag when it noticed. Note it, try again.
                    interrupted = true;
                    Thread.interrupted();
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
