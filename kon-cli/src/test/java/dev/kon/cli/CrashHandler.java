package dev.kon.cli;

import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only task type {@code crash DIR}: while {@code DIR/open} does not exist it halts the worker's JVM at once (a
 * poison task: every worker that takes its bundle dies); once it exists it behaves as {@code once DIR}
 * ({@link OnceHandler}), so a test can tell how often each task ran after the cause is gone.
 */
public final class CrashHandler implements TaskHandler {
    @Override
    public String type() {
        return "crash";
    }

    @Override
    public String handle(Task task, TaskContext ctx) {
        if (!Files.exists(Path.of(task.args().strip()).resolve("open"))) {
            Runtime.getRuntime().halt(70);
        }
        return new OnceHandler().handle(task, ctx);
    }
}
