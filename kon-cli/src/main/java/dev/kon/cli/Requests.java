package dev.kon.cli;

import dev.kon.Backend;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request and response through the queues: sends a few tasks as one run, waits for their results. What kon cal,
 * kon pic and kon animoto are made of.
 */
final class Requests {
    private Requests() {
    }

    /**
     * The results by task id; a task missing from the map had no answer within {@code timeout}. Every task is
     * checked by its handler first: one with bad arguments refuses the whole request (IllegalArgumentException,
     * exit 2) and nothing is sent.
     */
    static Map<Long, TaskResult> send(Backend backend, String queue, List<Task> tasks, Duration timeout,
            RunListener listener) throws InterruptedException {
        TaskHandlers handlers = TaskHandlers.discover();
        for (Task t : tasks) {
            var handler = handlers.find(t.type());
            String problem = handler.isEmpty() ? "unknown task type '" + t.type() + "'"
                    : handler.get().validate(t.args());
            if (problem != null) {
                throw new IllegalArgumentException(problem + "; nothing was sent");
            }
        }
        Map<Long, TaskResult> results = new ConcurrentHashMap<>();
        RunRequest req = new RunRequest(queue, tasks::iterator, tasks.size(), -1, 0, 1, Duration.ZERO, timeout);
        RunReport report = new RunClient(backend).run(RunSpec.newRunId(), req, r -> results.put(r.taskId(), r),
                b -> { }, listener);
        if (report.stats().distinct() < tasks.size()) {
            System.err.printf("kon: %d of %d answers did not come within %ds; is a 'kon worker' running on '%s'?%n",
                    tasks.size() - report.stats().distinct(), tasks.size(), timeout.toSeconds(), queue);
        }
        return results;
    }

    /** The one answer of a one-task request, or null if none came. */
    static TaskResult sendOne(Backend backend, String queue, Task task, Duration timeout) throws InterruptedException {
        return send(backend, queue, List.of(task), timeout, new RunListener() { }).get(task.id());
    }
}
