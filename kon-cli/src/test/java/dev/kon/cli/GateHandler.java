package dev.kon.cli;

import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only task type {@code gate FILE}: fails ("gate closed") while FILE does not exist, succeeds once it does, so
 * a test can make tasks fail in one run and succeed when they are retried.
 */
public final class GateHandler implements TaskHandler {
    @Override
    public String type() {
        return "gate";
    }

    @Override
    public String handle(Task task, TaskContext ctx) {
        if (!Files.exists(Path.of(task.args().strip()))) {
            throw new PermanentTaskFailure("gate closed");
        }
        return "passed";
    }
}
