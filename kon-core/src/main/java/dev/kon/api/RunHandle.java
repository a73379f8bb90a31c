package dev.kon.api;

import dev.kon.client.StreamingRun;
import dev.kon.task.TaskResult;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A run started by {@link Kon#run}: its tasks are sent on a thread of their own while the caller takes the results
 * as they arrive, in the order they arrive, each once. The run holds at most {@link RunOptions#window()} tasks in
 * hand: when the caller stops taking results, sending stops too, so a run of ten million tasks from a loop needs
 * the memory of its window, not of its tasks. Take the results (or {@link #await}) or the run never ends.
 *
 * <p>A result's {@link TaskResult#taskId()} is the task's position in the source, from 0.
 *
 * <p>Thread-safety: {@link #results()} is for one consumer thread; {@link #progress()}, {@link #cancel()} and
 * {@link #close()} may be called from any thread. Failure behaviour: see {@link #results()}.
 */
public final class RunHandle implements AutoCloseable {
    private final StreamingRun run;
    private final AutoCloseable source;

    RunHandle(StreamingRun run, AutoCloseable source) {
        this.run = run;
        this.source = source;
    }

    /** The run's id, as {@code kon runs}, {@code kon status} and {@code kon cancel} know it. */
    public String id() {
        return run.runId();
    }

    /** Sent, received, succeeded, failed, taken so far. */
    public StreamingRun.Progress progress() {
        return run.progress();
    }

    /**
     * The results as they arrive. {@code hasNext} waits for the next result, and answers false once every sent
     * task's result has been taken or the run is closed. Each call returns a view of the same stream.
     *
     * @throws dev.kon.KonException from {@code hasNext}, at the end, when sending stopped on an error (the results
     *                              of the tasks sent before it come first), or at once when reading results
     *                              stopped on an error of the machine
     */
    public Iterator<TaskResult> results() {
        return new Iterator<>() {
            private TaskResult next;
            private boolean over;

            @Override
            public boolean hasNext() {
                if (next == null && !over) {
                    try {
                        next = run.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new dev.kon.KonException("interrupted while waiting for a result of run " + id(), e);
                    }
                    over = next == null;
                }
                return next != null;
            }

            @Override
            public TaskResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("run " + id() + " has no more results");
                }
                TaskResult r = next;
                next = null;
                return r;
            }
        };
    }

    /**
     * Takes every result not taken yet and answers the run's progress at the end (counts of successes and
     * failures), for a caller that wants only the counts.
     */
    public StreamingRun.Progress await() {
        Iterator<TaskResult> it = results();
        while (it.hasNext()) {
            it.next();
        }
        return progress();
    }

    /**
     * Cancels the run as {@code kon cancel} does: sending stops, workers stop its tasks within seconds and answer
     * the rest failed ("cancelled"); those results still come through {@link #results()}.
     *
     * @return true when the run was cancelled, false when it had ended already
     */
    public boolean cancel() {
        return run.cancel();
    }

    /** Ends the run: cancelled when not answered in full, its reply queue deleted, the source closed. */
    @Override
    public void close() {
        try {
            run.close();
        } finally {
            try {
                source.close();
            } catch (Exception e) {
                // The caller's source failing to close is not the run's failure.
            }
        }
    }
}
