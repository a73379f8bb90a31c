package dev.kon.apps.exec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import dev.kon.task.UserText;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Task type {@code exec}: runs a program with arguments ({@link ExecCommand}), without a shell, and reports its exit
 * code and output as JSON: {@code {"exit":0,"stdout":"...","stderr":"...","stdoutBytes":N,"stderrBytes":N}}, each
 * stream kept up to {@value #OUTPUT_LIMIT} bytes (the byte counts say how much there was). Exit code 0 is a
 * success; any other is a failure with the same JSON as its reason, not retried.
 *
 * <p>Off unless allowed: the instance {@link java.util.ServiceLoader} makes refuses every task ("start the worker
 * with --allow-exec"); {@code kon worker --allow-exec} puts {@link #allowed()} in its place. Anyone who can send to
 * the task queue can then run any program as the worker's user.
 *
 * <p>Each task runs in a fresh empty working directory (deleted after), with standard input empty, and with the
 * worker's environment less every {@code AWS_*} and {@code KON_*} variable (so the worker's cloud credentials are
 * not handed over in the environment; an instance role or a credentials file is still readable by the program).
 * Time limit: the run's, else {@link TaskHandler#DEFAULT_TIME_LIMIT}; when the task is stopped (time limit, lease
 * lost, run cancelled) the process and its descendants are killed (SIGKILL). A descendant that has left the tree
 * (a daemon that double-forked) is not found and lives on.
 *
 * <p>Thread-safety: stateless; one instance serves every worker thread.
 */
public final class ExecHandler implements TaskHandler {
    /** Bytes kept of standard output, and again of standard error. */
    public static final int OUTPUT_LIMIT = 16 * 1024;
    /** How long the output is read after the program exits, for descendants that still hold it open. */
    static final long DRAIN_MILLIS = 2_000;
    private static final JsonFactory JSON = new JsonFactory();
    private final boolean allowed;

    /** The refusing instance, as {@link java.util.ServiceLoader} makes it. */
    public ExecHandler() {
        this(false);
    }

    private ExecHandler(boolean allowed) {
        this.allowed = allowed;
    }

    /** An instance that runs programs: only for a worker its operator started with {@code --allow-exec}. */
    public static ExecHandler allowed() {
        return new ExecHandler(true);
    }

    @Override
    public String type() {
        return "exec";
    }

    @Override
    public String validate(String args) {
        try {
            ExecCommand.parse(args);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Override
    public String handle(Task task, TaskContext ctx) throws Exception {
        if (!allowed) {
            throw new PermanentTaskFailure("exec is off on worker " + ctx.workerId()
                    + ": start the worker with --allow-exec to run programs");
        }
        ExecCommand cmd;
        try {
            cmd = ExecCommand.parse(task.args());
        } catch (IllegalArgumentException e) {
            throw new PermanentTaskFailure(e.getMessage(), e);
        }
        Path dir = Files.createTempDirectory("kon-exec-");
        try {
            return run(cmd.argv(), dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static String run(List<String> argv, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        dropCredentials(pb.environment());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new PermanentTaskFailure("cannot start " + UserText.excerpt(argv.get(0)) + ": " + e.getMessage(),
                    e);
        }
        boolean ended = false;
        try {
            OutputCapture out = OutputCapture.start(p.getInputStream(), OUTPUT_LIMIT, "kon-exec-out-" + p.pid());
            OutputCapture err = OutputCapture.start(p.getErrorStream(), OUTPUT_LIMIT, "kon-exec-err-" + p.pid());
            int exit = p.waitFor();
            ended = true;
            long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
            if (!out.await(DRAIN_MILLIS) | !err.await((deadline - System.nanoTime()) / 1_000_000)) {
                // A descendant holds the output open after the program ended: it is part of the task; end it.
                killTree(p);
                out.await(DRAIN_MILLIS);
                err.await(DRAIN_MILLIS);
            }
            String json = json(exit, out, err);
            if (exit != 0) {
                throw new PermanentTaskFailure(json);
            }
            return json;
        } finally {
            if (!ended) {
                // Interrupted: the time limit passed, the lease was lost or the run cancelled.
                killTree(p);
            }
        }
    }

    /** The worker's own settings and cloud credentials are not the program's. */
    static void dropCredentials(java.util.Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("KON_"));
    }

    /** Kills the process and every descendant found now, children first found before the parent dies. */
    static void killTree(Process p) {
        List<ProcessHandle> tree;
        try (Stream<ProcessHandle> d = p.descendants()) {
            tree = d.toList();
        }
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static String json(int exit, OutputCapture out, OutputCapture err) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("exit", exit);
            g.writeStringField("stdout", out.text());
            g.writeStringField("stderr", err.text());
            g.writeNumberField("stdoutBytes", out.bytes());
            g.writeNumberField("stderrBytes", err.bytes());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left in the system's temporary folder.
        }
    }
}
