package dev.kon.client;

import dev.kon.queue.QueueException;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.util.ArrayList;
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
        ExecutorService pool = Executors.newFixedThreadPool(senders, r -> {
            Thread t = new Thread(r, "kon-sender");
            t.setDaemon(true);
            return t;
        });
        List<Future<Integer>> pending = new ArrayList<>();
        long taskCount = 0;
        long bundleCount = 0;
        int maxBody = queue.limits().maxBodyBytes();
        List<TaskBundle> batch = new ArrayList<>();
        List<Task> current = new ArrayList<>(run.bundleSize());
        int currentBytes = ENVELOPE;
        try {
            while (tasks.hasNext()) {
                Task t = tasks.next();
                int size = WireCodec.encodedSize(t) + 1;
                if (!current.isEmpty() && (current.size() == run.bundleSize() || currentBytes + size > maxBody)) {
                    batch.add(BundleSender.bundle(run, ++bundleCount, current));
                    current = new ArrayList<>(run.bundleSize());
                    currentBytes = ENVELOPE;
                }
                current.add(t);
                currentBytes += size;
                taskCount++;
                if (batch.size() == queue.limits().maxBatch() * 4) {
                    dispatch(pool, pending, batch);
                    progress.accept(taskCount);
                    batch = new ArrayList<>();
                }
            }
            if (!current.isEmpty()) {
                batch.add(BundleSender.bundle(run, ++bundleCount, current));
            }
            if (!batch.isEmpty()) {
                dispatch(pool, pending, batch);
            }
            for (Future<Integer> f : pending) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new QueueException(queue.name(), c.toString(), c);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        progress.accept(taskCount);
        return new SubmitStats(taskCount, bundleCount);
    }

    /** Blob keys of bodies that were too large for a message; the client deletes them when the run is over. */
    public List<String> spilledBodies() {
        return List.copyOf(spilled);
    }

    private void dispatch(ExecutorService pool, List<Future<Integer>> pending, List<TaskBundle> batch)
            throws java.util.concurrent.ExecutionException, InterruptedException {
        // Keep a bounded number of batches in flight so a huge workload never sits in memory whole.
        while (pending.size() >= senders * 2) {
            pending.remove(0).get();
        }
        while (maxWaiting > 0 && queue.depth().visible() > maxWaiting) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        List<TaskBundle> toSend = List.copyOf(batch);
        pending.add(pool.submit(() -> {
            sender.send(toSend, spilled::add);
            return toSend.size();
        }));
    }
}
