package dev.kon.worker;

import dev.kon.FatalErrors;
import dev.kon.queue.QueueLimits;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every executor thread does: takes a bundle with tasks left, runs them through the {@link TaskRunner} until
 * none is left to take, and when its last task is done packs its results and hands it to the flusher. Several
 * threads may drain one bundle at once, so a bundle's tasks spread over the threads that are free.
 *
 * <p>Failures: a task's failure is its result; anything else one bundle throws gives that bundle up (its message
 * comes back), and the thread goes on. An error of the virtual machine fails the worker.
 *
 * <p>Thread-safety: one instance serves all executor threads, each calling {@link #run} with its own slot.
 */
final class TaskLoop {
    private final WorkerState state;
    private final BundlesInHand bundles;
    private final PrefetchLimit limit;
    private final PrefetchLimit priorityLimit;
    private final TaskRunner runner;
    private final TaskSlots slots;
    private final QueueLimits resultLimits;
    private final WorkerFailure failure;
    private final int threads;
    private final WorkerEvents events;
    /** False without a listener: no clock is read per task. */
    private final boolean timed;
    private final LongAdder tasksRun = new LongAdder();
    private final LongAdder tasksGivenUp = new LongAdder();

    /**
     * @param resultLimits the limits of a message, which the results of a bundle are packed to fit
     * @param threads      how many executor threads share the bundles
     * @param events       hears of each task's end
     */
    TaskLoop(WorkerState state, BundlesInHand bundles, PrefetchLimit limit, PrefetchLimit priorityLimit,
            TaskRunner runner, TaskSlots slots, QueueLimits resultLimits, WorkerFailure failure, int threads,
            WorkerEvents events) {
        this.state = state;
        this.bundles = bundles;
        this.limit = limit;
        this.priorityLimit = priorityLimit;
        this.runner = runner;
        this.slots = slots;
        this.resultLimits = resultLimits;
        this.failure = failure;
        this.threads = threads;
        this.events = events;
        this.timed = events != WorkerEvents.NONE;
    }

    /** Tasks run (successfully or not), not counting those of bundles given up. */
    long tasksRun() {
        return tasksRun.sum();
    }

    /** Tasks of bundles given up after they were cancelled: started or not, their results were dropped. */
    long tasksGivenUp() {
        return tasksGivenUp.sum();
    }

    /**
     * The loop of one executor thread, which {@code slot} stands for; {@code threadId} names it in results. Ends
     * when the worker is killed, or once it stopped taking bundles and holds none.
     */
    void run(String threadId, TaskSlots.Slot slot) {
        run(threadId, slot, false);
    }

    /**
     * As {@link #run(String, TaskSlots.Slot)}; with {@code priorityOnly} the thread takes bundles of the priority
     * queue only, so a request finds a free thread while every other one is busy with a bulk run.
     */
    void run(String threadId, TaskSlots.Slot slot, boolean priorityOnly) {
        while (!state.killed()) {
            BundleRun run;
            try {
                run = priorityOnly ? bundles.nextPriorityToRun(100) : bundles.nextToRun(100);
            } catch (InterruptedException e) {
                if (state.killed() || !state.accepting() && bundles.isEmpty()) {
                    return;
                }
                continue;
            }
            if (run == null) {
                if (state.intakeEnded() && bundles.noneToRun() && bundles.isEmpty()) {
                    return;
                }
                continue;
            }
            try {
                drain(run, threadId, slot);
            } catch (Throwable e) {
                failure.onUnexpected("executor", e);
            }
        }
    }

    /** Runs one task and tells the listener how it ended and how long it took. */
    private TaskResult runTimed(Task task, String threadId, BundleRun run, TaskSlots.Slot slot) {
        if (!timed) {
            return runner.run(task, threadId, run, slot);
        }
        long t0 = System.nanoTime();
        TaskResult r = runner.run(task, threadId, run, slot);
        long took = System.nanoTime() - t0;
        // Checked after the run: a bundle stopped while the task ran has its result dropped, whatever it says.
        WorkerEvents.Outcome outcome = run.cancelled() ? WorkerEvents.Outcome.CANCELLED
                : r.succeeded() ? WorkerEvents.Outcome.SUCCEEDED : WorkerEvents.Outcome.FAILED;
        events.taskFinished(task.type(), outcome, took);
        return r;
    }

    /** Runs tasks of {@code run} until none is left to take; hands the bundle on when its last task is done. */
    private void drain(BundleRun run, String threadId, TaskSlots.Slot slot) {
        // Short tasks are taken a few at a time (less contention on the bundle's counter); long bundles of few
        // tasks still spread one task per thread.
        int chunk = Math.max(1, run.size() / (4 * threads));
        run.markStarted();
        int start;
        while ((start = run.take(chunk)) >= 0) {
            int end = Math.min(run.size(), start + chunk);
            try {
                for (int i = start; i < end; i++) {
                    Task task = run.task(i);
                    run.record(i, run.whyNot() != null
                            ? TaskResult.failed(task.id(), "cancelled: " + run.whyNot(), threadId, 0)
                            : runTimed(task, threadId, run, slot));
                    if (state.killed()) {
                        return;
                    }
                }
            } catch (Throwable e) {
                if (FatalErrors.isFatal(e)) {
                    failure.onUnexpected("executor", e);
                    return;
                }
                // Not a task's failure (the runner reports those): the bundle cannot be finished here. Give it up,
                // so it is released and comes back to the queue.
                slots.cancel(run, "the worker hit " + TaskRunner.describe(e));
                failure.onUnexpected("executor", e);
            }
            (run.cancelled() ? tasksGivenUp : tasksRun).add(end - start);
            if (run.finished(end - start)) {
                (run.priority() ? priorityLimit : limit).releaseFinished(run.runMillis() * Math.min(run.size(), threads));
                if (!run.cancelled()) {
                    run.pack(resultLimits);
                }
                bundles.ran(run);
            }
        }
    }
}
