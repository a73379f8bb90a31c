package dev.kon.worker;

import dev.kon.FatalErrors;
import dev.kon.blob.BlobStore;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task through its handler under the retry policy and the task's time limit, and turns whatever happens
 * into a {@link TaskResult}. Catches every {@link Throwable} but the machine's own errors
 * ({@link FatalErrors#isFatal}): a task can fail, but it cannot take its thread down.
 */
final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private final TaskHandlers handlers;
    private final BlobStore blobs;
    private final Clock clock;
    private final WorkerConfig cfg;
    private final java.util.Map<String, Logger> loggers = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Per thread, what the last task needed: its handler, time limit and context, reused while the next task's type,
     * arguments, worker and bundle are the same (a workload is mostly one type, often with the same arguments, and
     * looking them up again for each short task adds up).
     */
    private final ThreadLocal<LastTask> lastTasks = ThreadLocal.withInitial(LastTask::new);

    private final class LastTask {
        private Context context;
        private String type;
        private TaskHandler handler;
        private TaskHandler limitOf;
        private String limitArgs;
        private Duration limit;

        /** The handler of {@code type}, or null when there is none. */
        TaskHandler handler(String type) {
            if (!type.equals(this.type)) {
                handler = handlers.find(type).orElse(null);
                this.type = type;
            }
            return handler;
        }

        Context context(String type, String workerId, BundleRun run) {
            Context c = context;
            if (c == null || c.run != run || !c.type.equals(type) || !c.workerId.equals(workerId)) {
                c = context = new Context(type, workerId, run);
            }
            return c;
        }

        /** The run's own limit when it set one, else the handler's for these arguments. */
        Duration limit(TaskHandler h, Task task, BundleRun run) {
            Duration own = run.bundle.timeLimit();
            if (own != null) {
                return own;
            }
            if (h != limitOf || !task.args().equals(limitArgs)) {
                limit = h.timeLimit(task.args());
                limitOf = h;
                limitArgs = task.args();
            }
            return limit;
        }
    }

    TaskRunner(TaskHandlers handlers, BlobStore blobs, Clock clock, WorkerConfig cfg) {
        this.handlers = handlers;
        this.blobs = blobs;
        this.clock = clock;
        this.cfg = cfg;
    }

    /**
     * Runs {@code task} of {@code run} on the calling thread, which {@code slot} stands for: each attempt is
     * registered there, so it can be interrupted when the bundle is cancelled or the attempt outlives its limit.
     *
     * @throws VirtualMachineError when the handler hit one (out of memory): the worker cannot go on
     */
    TaskResult run(Task task, String workerId, BundleRun run, TaskSlots.Slot slot) {
        long start = clock.millis();
        LastTask last = lastTasks.get();
        TaskHandler handler = last.handler(task.type());
        if (handler == null) {
            return TaskResult.failed(task.id(), "unknown task type '" + task.type() + "'", workerId, start);
        }
        TaskContext ctx = last.context(handler.type(), workerId, run);
        Duration limit = last.limit(handler, task, run);
        long backoff = cfg.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            if (run.whyNot() != null) {
                return fail(task, "cancelled: " + run.whyNot(), workerId, start);
            }
            if (attempt > 1) {
                start = clock.millis();
            }
            String out = null;
            Throwable thrown = null;
            boolean timedOut;
            slot.begin(run, limit);
            try {
                out = handler.handle(task, ctx);
            } catch (Throwable e) {
                thrown = e;
            } finally {
                timedOut = slot.end();
            }
            if (thrown instanceof VirtualMachineError vme && FatalErrors.isFatal(vme)) {
                throw vme;
            }
            if (run.whyNot() != null) {
                return fail(task, "cancelled: " + run.whyNot(), workerId, start);
            }
            String failure;
            if (timedOut) {
                failure = "timed out after " + describe(limit);
            } else if (thrown == null) {
                return new TaskResult(task.id(), TaskResult.SUCCESS, out == null ? "" : out, workerId, start,
                        clock.millis());
            } else if (thrown instanceof PermanentTaskFailure) {
                return fail(task, thrown.getMessage(), workerId, start);
            } else if (thrown instanceof InterruptedException) {
                return fail(task, "interrupted: the worker is stopping", workerId, start);
            } else {
                failure = describe(thrown);
            }
            if (attempt >= cfg.maxAttempts()) {
                LOG.debug("task {} failed after {} attempts", task.id(), attempt, thrown);
                return fail(task, failure + (attempt > 1 ? " (after " + attempt + " attempts)" : ""), workerId,
                        start);
            }
            if (!pause(backoff)) {
                return fail(task, "interrupted: the worker is stopping", workerId, start);
            }
            backoff *= 2;
        }
    }

    /** A duration as a person writes it: {@code 250ms}, {@code 30s}, {@code 2m30s}. */
    static String describe(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() % 1000 == 0 ? s + "s" : String.format(java.util.Locale.ROOT, "%.1fs",
                    d.toMillis() / 1000.0);
        }
        return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }

    private TaskResult fail(Task task, String reason, String workerId, long start) {
        return new TaskResult(task.id(), TaskResult.FAILURE, reason == null ? "failed" : reason, workerId, start,
                clock.millis());
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** The retry backoff: a real pause between attempts, not a wait for an event. */
    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private final class Context implements TaskContext {
        private final Logger log;
        private final String type;
        private final String workerId;
        private final BundleRun run;

        Context(String type, String workerId, BundleRun run) {
            this.type = type;
            this.log = loggers.computeIfAbsent(type, t -> LoggerFactory.getLogger("kon.task." + t));
            this.workerId = workerId;
            this.run = run;
        }

        @Override
        public BlobStore blobs() {
            return blobs;
        }

        @Override
        public Logger log() {
            return log;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public String workerId() {
            return workerId;
        }

        @Override
        public boolean isCancelled() {
            return run.whyNot() != null || Thread.currentThread().isInterrupted();
        }

        @Override
        public long attempt() {
            return run.claim.attempt();
        }
    }
}
