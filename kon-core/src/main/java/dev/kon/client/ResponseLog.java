package dev.kon.client;

import dev.kon.task.TaskResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run's response log: one tab-separated line per task, {@code id status worker startMs endMs output}, in the
 * order results arrived, under a header line. Not thread-safe; the collector calls it from one thread at a time.
 */
public final class ResponseLog implements ResultSink, AutoCloseable {
    public static final String HEADER = "# id\tstatus\tworker\tstartMs\tendMs\toutput";
    private final BufferedWriter out;

    public ResponseLog(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write response log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void accept(TaskResult r) {
        try {
            out.write(Long.toString(r.taskId()));
            out.write('\t');
            out.write(Integer.toString(r.status()));
            out.write('\t');
            out.write(r.worker());
            out.write('\t');
            out.write(Long.toString(r.startMs()));
            out.write('\t');
            out.write(Long.toString(r.endMs()));
            out.write('\t');
            out.write(r.output().replace('\n', ' ').replace('\t', ' '));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
