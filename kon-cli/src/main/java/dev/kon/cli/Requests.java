package dev.kon.cli;

import dev.kon.Backend;
import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.client.RequestSession;
import dev.kon.client.RunListener;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import dev.kon.workers.WorkerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Request and response through the queues: sends a few tasks as one call of a {@link RequestSession} (a library
 * client's {@link Kon#requests()}), waits for their results. What kon cal, kon pic and kon animoto are made of. A command that sends one request uses the
 * one-shot forms (a session of its own, opened and closed around the request); one that sends many keeps a session
 * open and uses the session forms.
 */
final class Requests {
    private Requests() {
    }

    /** The handlers on the class path, found once: a session's requests are checked against the same ones. */
    private static final class Handlers {
        static final TaskHandlers ALL = TaskHandlers.discover();
    }

    /**
     * Checks every task by its handler: one with bad arguments or an unknown type refuses the whole request.
     *
     * @throws IllegalArgumentException (exit 2) naming the problem and saying nothing was sent
     */
    static void check(List<Task> tasks) {
        for (Task t : tasks) {
            var handler = Handlers.ALL.find(t.type());
            String problem = handler.isEmpty() ? "unknown task type '" + t.type() + "'"
                    : handler.get().validate(t.args());
            if (problem != null) {
                throw new IllegalArgumentException(problem + "; nothing was sent");
            }
        }
    }

    /**
     * One request on an open session: the results by task id; a task missing from the map had no answer within
     * {@code timeout} (and stderr says so). Every task is checked first ({@link #check}); nothing is sent if one
     * is refused.
     */
    static Map<Long, TaskResult> send(RequestSession session, List<Task> tasks, Duration timeout,
            RunListener listener) throws InterruptedException {
        return send(session, tasks, timeout, listener, null);
    }

    /** As above; with {@code workers}, a missing answer is explained from the worker registry ({@link WorkerHint}). */
    private static Map<Long, TaskResult> send(RequestSession session, List<Task> tasks, Duration timeout,
            RunListener listener, WorkerRegistry workers) throws InterruptedException {
        check(tasks);
        Map<Long, TaskResult> results = session.call(tasks, timeout, listener);
        if (results.size() < tasks.size()) {
            String calls = session.id() + "-";
            String why = workers == null ? null : WorkerHint.read(workers, session.taskQueue(),
                    r -> r.startsWith(calls), java.time.Instant.now()).orElse(null);
            int missing = tasks.size() - results.size();
            System.err.println(why == null ? missingLine(missing, tasks.size(), timeout, session.taskQueue())
                    : missingLineBecause(missing, tasks.size(), timeout, why));
        }
        return results;
    }

    /** Why answers may be missing, the likelier causes first (see {@link ProgressView#stalledLine}). */
    static String missingLine(int missing, int asked, Duration timeout, String queue) {
        String within = timeout.toMillis() < 1000 ? timeout.toMillis() + "ms" : timeout.toSeconds() + "s";
        return String.format("kon: %d of %d answers did not come within %s: tasks still running, or waiting out a lost "
                + "worker's lease; is a 'kon worker' serving '%s'? (--timeout waits longer)", missing, asked, within,
                queue);
    }

    /** The missing-answers line with the reason the worker registry gave. */
    static String missingLineBecause(int missing, int asked, Duration timeout, String why) {
        String within = timeout.toMillis() < 1000 ? timeout.toMillis() + "ms" : timeout.toSeconds() + "s";
        return String.format("kon: %d of %d answers did not come within %s: %s (--timeout waits longer)", missing,
                asked, within, why);
    }

    /** The one answer of a one-task request on an open session, or null if none came. */
    static TaskResult sendOne(RequestSession session, Task task, Duration timeout) throws InterruptedException {
        return send(session, List.of(task), timeout, new RunListener() { }).get(task.id());
    }

    /**
     * A request on a session of its own, opened after the tasks are checked (a refused request makes no reply queue)
     * and closed after the answer. See {@link #send(RequestSession, List, Duration, RunListener)}.
     */
    static Map<Long, TaskResult> send(Backend backend, String queue, List<Task> tasks, Duration timeout,
            RunListener listener) throws InterruptedException {
        check(tasks);
        try (Kon kon = open(backend, queue)) {
            return send(kon.requests(), tasks, timeout, listener, backend.workers());
        }
    }

    /**
     * A library client on the command's backend, whose {@link Kon#requests()} the request goes through: the
     * commands are users of the library API, not a second way in. The backend stays the command's to close.
     */
    static Kon open(Backend backend, String queue) {
        return Kon.open(KonSettings.of(backend, queue));
    }

    /** The one answer of a one-task request on a session of its own, or null if none came. */
    static TaskResult sendOne(Backend backend, String queue, Task task, Duration timeout) throws InterruptedException {
        return send(backend, queue, List.of(task), timeout, new RunListener() { }).get(task.id());
    }
}
