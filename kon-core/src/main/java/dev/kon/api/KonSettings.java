package dev.kon.api;

import dev.kon.Backend;
import dev.kon.local.LocalMode;
import dev.kon.task.TaskHandlers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Kon} client sends its tasks: how to reach a backend (queues, ledger, blobs, run registry) and
 * the task queue on it. Immutable; each {@link Kon#open} opens a connection of its own.
 *
 * <p>Three ways in: {@link #inMemory} (Kon's engine and N worker threads in this process, nothing else needed),
 * {@code dev.kon.aws.KonCloud.settings(...)} in {@code kon-aws} (the local cloud of {@code kon cloud start}, or
 * AWS), or {@link #of} for a backend built by the caller.
 *
 * @param connector opens the backend and what the client owns with it
 * @param taskQueue the queue the workers take tasks from; it must exist
 */
public record KonSettings(Connector connector, String taskQueue) {
    public KonSettings {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(taskQueue, "taskQueue");
    }

    /** Opens a backend for one client. */
    @FunctionalInterface
    public interface Connector {
        Connection open();
    }

    /**
     * An open backend and what the client closes with itself (cloud clients, an in-process worker).
     *
     * @param backend the deployment's services
     * @param owned   closed when the client closes, after the client's own queues are gone
     */
    public record Connection(Backend backend, AutoCloseable owned) {
        public Connection {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(owned, "owned");
        }
    }

    /** A backend the caller made and closes itself. */
    public static KonSettings of(Backend backend, String taskQueue) {
        Objects.requireNonNull(backend, "backend");
        return new KonSettings(() -> new Connection(backend, () -> { }), taskQueue);
    }

    /**
     * Local mode: in-memory queues and ledger, blobs in a temporary folder (deleted on close), and a worker of
     * {@code threads} threads in this process running every task type on the class path.
     */
    public static KonSettings inMemory(int threads) {
        return inMemory(threads, TaskHandlers.discover());
    }

    /** Local mode running exactly {@code handlers}. */
    public static KonSettings inMemory(int threads, TaskHandlers handlers) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        Objects.requireNonNull(handlers, "handlers");
        return new KonSettings(() -> {
            Path dir;
            try {
                dir = Files.createTempDirectory("kon-blobs-");
            } catch (IOException e) {
                throw new UncheckedIOException("could not make a folder for local mode's blobs", e);
            }
            LocalMode mode = LocalMode.start(LocalMode.Options.of(dir, handlers, threads));
            return new Connection(mode.backend(), () -> {
                mode.close();
                deleteTree(dir);
            });
        }, LocalMode.QUEUE);
    }

    /**
     * Local mode as {@code kon run} starts it: the in-process worker {@code options} describe (its task types,
     * threads and failure listener) on blobs in the caller's folder, which is left in place on close.
     */
    public static KonSettings local(LocalMode.Options options) {
        Objects.requireNonNull(options, "options");
        return new KonSettings(() -> {
            LocalMode mode = LocalMode.start(options);
            return new Connection(mode.backend(), mode);
        }, LocalMode.QUEUE);
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is the system's to clean.
        }
    }
}
