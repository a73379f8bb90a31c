package dev.kon.apps.stats;

import dev.kon.blob.InMemoryBlobStore;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * A {@link TaskContext} for handler tests: an in-memory blob store, a clock fixed at {@link #NOW}, a silent
 * logger, worker {@code "test"}, never cancelled. Shared by the stats and enhance tests; it belongs in kon-testkit
 * once that module has one.
 */
public record TestTaskContext(InMemoryBlobStore blobs, Clock clock) implements TaskContext {
    public static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    public TestTaskContext() {
        this(new InMemoryBlobStore(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The lines of the kon-apps ServiceLoader file for task handlers. */
    public static List<String> serviceFileLines() throws IOException {
        String name = "META-INF/services/" + TaskHandler.class.getName();
        try (InputStream in = TestTaskContext.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
        }
    }

    @Override
    public Logger log() {
        // Quiet: the concurrency tests would print hundreds of debug lines.
        return NOPLogger.NOP_LOGGER;
    }

    @Override
    public String workerId() {
        return "test";
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public long attempt() {
        return 1;
    }
}
