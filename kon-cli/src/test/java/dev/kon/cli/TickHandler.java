package dev.kon.cli;

import dev.kon.task.PermanentTaskFailure;
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
 * Test-only task type {@code tick DIR MS}: runs for MS milliseconds and, while it runs, writes a line
 * {@code TASK ATTEMPT PID EPOCHMILLIS} every {@link #EVERY_MS} ms to {@code DIR/ticks-PID.log}, each line flushed.
 * A frozen or killed process writes nothing, so two attempts of a task ran at the same time only if both wrote
 * within one interval. Found by the worker processes of the tests through the test class path's service file.
 */
public final class TickHandler implements TaskHandler {
    static final long EVERY_MS = 50;
    private static final long PID = ProcessHandle.current().pid();
    private static final Map<Path, Writer> FILES = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "tick";
    }

    @Override
    public String handle(Task task, TaskContext ctx) throws InterruptedException {
        String[] a = task.args().strip().split(" ");
        if (a.length != 2) {
            throw new PermanentTaskFailure("tick takes DIR MS");
        }
        Writer out = FILES.computeIfAbsent(Path.of(a[0]).resolve("ticks-" + PID + ".log"), TickHandler::open);
        long end = System.currentTimeMillis() + Long.parseLong(a[1]);
        while (true) {
            tick(out, task.id() + " " + ctx.attempt() + " " + PID + " " + System.currentTimeMillis() + "\n");
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return "ticked";
            }
            Thread.sleep(Math.min(EVERY_MS, left));
        }
    }

    private static void tick(Writer out, String line) {
        synchronized (out) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Writer open(Path file) {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
