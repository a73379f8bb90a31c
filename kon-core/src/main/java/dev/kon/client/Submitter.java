package dev.kon.client;

import dev.kon.queue.QueueException;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Puts a run's tasks on the task queue: tasks are packed into bundles (at most {@code bundleSize} tasks and one
 * message's bytes each), bundles into batch calls, and batch calls go out on a few sender threads. Bodies too
 * large for a message (one task with a huge argument) travel through the blob store.
 *
 * <p>Not thread-safe: one submit at a time per instance.
 */
public final class Submitter {
    /** Room left in a body for the envelope around the tasks. */
    private static final int ENVELOPE = 512;
    private final TaskQueue queue;
    private final BundleSender sender;
    private final int senders;
    private final int maxWaiting;
    private final List<String> spilled = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param senders    threads sending batches at once
     * @param maxWaiting when above 0, pause while more than this many messages wait on the queue: an in-memory
     *                   queue then never holds a whole huge workload (remote queues hold it on their servers,
     *                   and asking their depth is a remote call, so pass 0 for them)
     */
    public Submitter(TaskQueue queue, LargeBodies bodies, int senders, int maxWaiting) {
        if (senders < 1) {
            throw new IllegalArgumentException("senders must be >= 1, was " + senders);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must be >= 0 messages, was " + maxWaiting);
        }
        this.queue = queue;
        this.sender = new BundleSender(queue, bodies);
        this.senders = senders;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Sends every task and answers how many were sent. {@code progress} hears the running count of tasks handed to
     * the sender threads.
     *
     * @throws QueueException when a batch could not be sent after retries; the tasks sent before stay sent
     */
    public SubmitStats submit(RunSpec run, Iterator<Task> tasks, LongConsumer progress) throws InterruptedException {
        return submit(run, tasks, 0, progress, (bundles, sent) -> { });
    }

    /**
     * Sends the tasks from bundle {@code skip + 1} on: the tasks are packed into the same bundles (so the same
     * bundle ids) as a submission of the same tasks with the same spec, and the first {@code skip} bundles are
     * left out, as they were sent before. Answers the counts of the whole run, skipped bundles included.
     *
     * @param progress  hears the running count of tasks handed to the sender threads
     * @param confirmed hears, now and then and at the end, how many bundles (and tasks in them) from the first on
     *                  are on the queue for sure: a later submission may skip those
     * @throws QueueException when a batch could not be sent after retries; the tasks sent before stay sent
     */
    public SubmitStats submit(RunSpec run, Iterator<Task> tasks, long skip, LongConsumer progress,
            Confirmed confirmed) throws InterruptedException {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be >= 0 bundles, was " + skip);
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders, r -> {
            Thread t = new Thread(r, "kon-sender");
            t.setDaemon(true);
            return t;
        });
        Deque<InFlight> pending = new ArrayDeque<>();
        long taskCount = 0;
        long bundleCount = 0;
        int maxBody = queue.limits().maxBodyBytes();
        List<TaskBundle> batch = new ArrayList<>();
        List<Task> current = new ArrayList<>(run.bundleSize());
        int currentBytes = ENVELOPE;
        confirmed.upTo(skip, 0);
        try {
            while (tasks.hasNext()) {
                Task t = tasks.next();
                int size = WireCodec.encodedSize(t) + 1;
                if (!current.isEmpty() && (current.size() == run.bundleSize() || currentBytes + size > maxBody)) {
                    if (++bundleCount > skip) {
                        batch.add(BundleSender.bundle(run, bundleCount, current));
                    }
                    current = new ArrayList<>(run.bundleSize());
                    currentBytes = ENVELOPE;
                }
                current.add(t);
                currentBytes += size;
                taskCount++;
                if (batch.size() == queue.limits().maxBatch() * 4) {
                    dispatch(pool, pending, batch, bundleCount, taskCount - current.size(), confirmed);
                    progress.accept(taskCount);
                    batch = new ArrayList<>();
                }
            }
            if (!current.isEmpty() && ++bundleCount > skip) {
                batch.add(BundleSender.bundle(run, bundleCount, current));
            }
            if (!batch.isEmpty()) {
                dispatch(pool, pending, batch, bundleCount, taskCount, confirmed);
            }
            while (!pending.isEmpty()) {
                confirm(pending.removeFirst(), confirmed);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new QueueException(queue.name(), c.toString(), c);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        progress.accept(taskCount);
        confirmed.upTo(bundleCount, taskCount);
        return new SubmitStats(taskCount, bundleCount);
    }

    /** Hears how far a submission is sure to have got. */
    @FunctionalInterface
    public interface Confirmed {
        /**
         * Bundles 1..{@code bundles}, holding tasks 1..{@code tasks} of the run's order, are on the queue
         * ({@code tasks} is 0 when not known, for the bundles skipped at the start).
         */
        void upTo(long bundles, long tasks);
    }

    /** A batch call in flight, and how far the run is sent once it and every batch before it are through. */
    private record InFlight(Future<Integer> sent, long bundlesUpTo, long tasksUpTo) {
    }

    private static void confirm(InFlight f, Confirmed confirmed)
            throws java.util.concurrent.ExecutionException, InterruptedException {
        f.sent().get();
        // In flight in order: once the oldest is through, every bundle up to its last is on the queue.
        confirmed.upTo(f.bundlesUpTo(), f.tasksUpTo());
    }

    /** Blob keys of bodies that were too large for a message; the client deletes them when the run is over. */
    public List<String> spilledBodies() {
        return List.copyOf(spilled);
    }

    private void dispatch(ExecutorService pool, Deque<InFlight> pending, List<TaskBundle> batch, long bundlesUpTo,
            long tasksUpTo, Confirmed confirmed) throws java.util.concurrent.ExecutionException, InterruptedException {
        // Keep a bounded number of batches in flight so a huge workload never sits in memory whole.
        while (pending.size() >= senders * 2) {
            confirm(pending.removeFirst(), confirmed);
        }
        while (maxWaiting > 0 && queue.depth().visible() > maxWaiting) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        List<TaskBundle> toSend = List.copyOf(batch);
        pending.addLast(new InFlight(pool.submit(() -> {
            sender.send(toSend, spilled::add);
            return toSend.size();
        }), bundlesUpTo, tasksUpTo));
    }
}
