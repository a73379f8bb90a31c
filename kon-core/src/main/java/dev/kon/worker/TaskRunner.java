package dev.kon.worker;

import dev.kon.blob.BlobStore;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task through its handler under the retry policy and turns whatever happens into a {@link TaskResult}.
 * Catches every {@link Throwable}: a task can fail, but it cannot take its thread down.
 */
final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private final TaskHandlers handlers;
    private final BlobStore blobs;
    private final Clock clock;
    private final WorkerConfig cfg;
    private final java.util.Map<String, Logger> loggers = new java.util.concurrent.ConcurrentHashMap<>();
    /** One context per thread, reused while type, worker and bundle stay the same (a context per task adds up). */
    private final ThreadLocal<ContextCache> contexts = ThreadLocal.withInitial(ContextCache::new);

    private final class ContextCache {
        private Context last;

        Context of(String type, String workerId, BooleanSupplier cancelled) {
            Context c = last;
            if (c == null || c.cancelled != cancelled || !c.type.equals(type) || !c.workerId.equals(workerId)) {
                c = last = new Context(type, workerId, cancelled);
            }
            return c;
        }
    }

    TaskRunner(TaskHandlers handlers, BlobStore blobs, Clock clock, WorkerConfig cfg) {
        this.handlers = handlers;
        this.blobs = blobs;
        this.clock = clock;
        this.cfg = cfg;
    }

    TaskResult run(Task task, String workerId, BooleanSupplier cancelled) {
        long start = clock.millis();
        Optional<TaskHandler> handler = handlers.find(task.type());
        if (handler.isEmpty()) {
            return TaskResult.failed(task.id(), "unknown task type '" + task.type() + "'", workerId, start);
        }
        TaskContext ctx = contexts.get().of(handler.get().type(), workerId, cancelled);
        long backoff = cfg.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            start = clock.millis();
            try {
                String out = handler.get().handle(task, ctx);
                return new TaskResult(task.id(), TaskResult.SUCCESS, out == null ? "" : out, workerId, start,
                        clock.millis());
            } catch (PermanentTaskFailure e) {
                return fail(task, e.getMessage(), workerId, start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(task, "interrupted: the worker is stopping", workerId, start);
            } catch (Throwable e) {
                if (attempt >= cfg.maxAttempts() || cancelled.getAsBoolean()) {
                    LOG.debug("task {} failed after {} attempts", task.id(), attempt, e);
                    return fail(task, describe(e) + (attempt > 1 ? " (after " + attempt + " attempts)" : ""),
                            workerId, start);
                }
                if (!pause(backoff)) {
                    return fail(task, "interrupted: the worker is stopping", workerId, start);
                }
                backoff *= 2;
            }
        }
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
        private final BooleanSupplier cancelled;

        Context(String type, String workerId, BooleanSupplier cancelled) {
            this.type = type;
            this.log = loggers.computeIfAbsent(type, t -> LoggerFactory.getLogger("kon.task." + t));
            this.workerId = workerId;
            this.cancelled = cancelled;
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
            return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
        }

        @Override
        public long attempt() {
            // Wired to the ledger's claim in the fencing change that follows.
            return 1;
        }
    }
}
