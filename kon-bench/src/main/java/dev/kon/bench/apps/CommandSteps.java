package dev.kon.bench.apps;

import dev.kon.Backend;
import dev.kon.client.RequestSession;
import dev.kon.client.RunListener;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The steps of {@code kon cal}, {@code kon pic} and {@code kon animoto} that live in the {@code kon} command,
 * handed to the benchmark by the command so that it times the commands' own code (kon-bench cannot depend on
 * kon-cli, which depends on it). Implementations are stateless and thread-safe.
 */
public interface CommandSteps {
    /**
     * One request on an open session as the commands send it: every task checked by its handler first, then sent
     * as one call; answers the results that came within {@code timeout}, by task id.
     */
    Map<Long, TaskResult> send(RequestSession session, List<Task> tasks, Duration timeout, RunListener listener)
            throws InterruptedException;

    /** The same on a session of its own, opened on {@code queue} and closed after the answers (a one-shot command). */
    Map<Long, TaskResult> send(Backend backend, String queue, List<Task> tasks, Duration timeout, RunListener listener)
            throws InterruptedException;

    /** {@code kon pic}'s check of the file before anything is uploaded; answers the format its bytes are in. */
    String checkImage(Path image) throws IOException;

    /** The one answer of a one-task request on an open session, or null if none came. */
    default TaskResult sendOne(RequestSession session, Task task, Duration timeout) throws InterruptedException {
        return send(session, List.of(task), timeout, new RunListener() { }).get(task.id());
    }

    /** The one answer of a one-task request on a session of its own, or null if none came. */
    default TaskResult sendOne(Backend backend, String queue, Task task, Duration timeout) throws InterruptedException {
        return send(backend, queue, List.of(task), timeout, new RunListener() { }).get(task.id());
    }
}
