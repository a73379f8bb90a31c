package dev.kon.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code sleep} workloads like the seed's generator: N tasks of M milliseconds each. */
public final class SleepWorkloads {
    private SleepWorkloads() {
    }

    /** Writes {@code tasks} lines {@code sleep ms} to {@code file}, creating parent folders. */
    public static void write(Path file, long tasks, long ms) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1, was " + tasks);
        }
        if (ms < 0) {
            throw new IllegalArgumentException("ms must be >= 0, was " + ms);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String line = "sleep " + ms + "\n";
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (long i = 0; i < tasks; i++) {
                    w.write(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
