package dev.kon.aws.queue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs SQS long polls so that the thread waiting for one can be interrupted.
 *
 * <p>Why: the SDK's blocking HTTP call does not notice {@link Thread#interrupt()}, so a worker shutting down would
 * wait out a 20 s poll. The poll runs on a pool thread instead and the caller waits on its future; an interrupted
 * caller returns at once, and messages the abandoned poll still brings in are handed to a "late" callback (which
 * makes them visible again) instead of being held invisible until their timeout.
 *
 * <p>Thread-safety: thread-safe; one pool thread per poll in progress, idle threads end after a minute.
 */
final class LongPoll implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService pool;
    /** Polls whose callers gave up on them, until they have ended and handed on what they brought. */
    private final java.util.Set<CompletableFuture<Void>> abandoned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    LongPoll() {
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "kon-sqs-poll-" + id + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The result of {@code poll}, or an empty list if the calling thread is or gets interrupted first (its
     * interrupt flag stays set). Exceptions of {@code poll} are rethrown as they are.
     */
    <T> List<T> receive(Supplier<List<T>> poll, Consumer<List<T>> late) {
        if (Thread.currentThread().isInterrupted()) {
            return List.of();
        }
        CompletableFuture<List<T>> running = CompletableFuture.supplyAsync(poll, pool);
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CompletableFuture<Void> handedOn = running.thenAccept(messages -> {
                if (!messages.isEmpty()) {
                    late.accept(messages);
                }
            });
            abandoned.add(handedOn);
            handedOn.whenComplete((v, failed) -> abandoned.remove(handedOn));
            return List.of();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Waits up to {@code max} for every poll given up so far to end and hand its messages to its "late" callback;
     * returns at {@code max} with the rest still under way.
     */
    void awaitAbandoned(java.time.Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        for (CompletableFuture<Void> f : List.copyOf(abandoned)) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(0, left), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // a poll that failed brought nothing to hand on
            } catch (java.util.concurrent.TimeoutException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
