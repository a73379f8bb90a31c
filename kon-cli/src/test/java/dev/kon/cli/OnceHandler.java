package dev.kon.cli;

import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only task type {@code once DIR}: writes the task's id on a line of {@code DIR/once-PID.log}, flushed, and
 * succeeds; the lines of every worker's file together tell how often each task ran.
 */
public final class OnceHandler implements TaskHandler {
    private static final long PID = ProcessHandle.current().pid();
    private static final Map<Path, Writer> FILES = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "once";
    }

    @Override
    public String handle(Task task, TaskContext ctx) {
        Writer out = FILES.computeIfAbsent(Path.of(task.args().strip()).resolve("once-" + PID + ".log"), p -> {
            try {
                return Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        synchronized (out) {
            try {
                out.write(task.id() + "\n");
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "ran";
    }
}
