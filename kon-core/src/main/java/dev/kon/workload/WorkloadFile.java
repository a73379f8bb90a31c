package dev.kon.workload;

import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.UserText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A workload file: one task per line, {@code TYPE ARGS...}; blank lines and lines starting with {@code #} are
 * skipped. A task's id is its line number, so results and errors point back at the file. A line may have at
 * most {@link #MAX_LINE_CHARS} characters, and no error quotes more than {@value UserText#MAX_SHOWN} of them.
 *
 * <p>Reading streams: {@link #check} and {@link #tasks} each read the file once, line by line, so a workload of
 * ten million lines never needs ten million objects at once. Check first: nothing should be submitted from a
 * file that does not parse.
 */
public final class WorkloadFile {
    /** Errors listed before a check stops collecting (it still counts them all). */
    public static final int MAX_REPORTED_ERRORS = 20;
    /** Lines between two progress calls of {@link #check(TaskHandlers, LongConsumer)}. */
    public static final long PROGRESS_LINES = 1_000_000;
    /**
     * Characters one line may have: 8 MiB. A longer line is an error, found without holding more of it than this,
     * so a file with a line of a gigabyte is refused in little memory. A task over a queue message (256 KiB)
     * still runs, its message going through the blob store; this bound leaves room for a CloudCal request at its
     * limit of 100,000 numbers of up to 80 characters each.
     */
    public static final int MAX_LINE_CHARS = 8 * 1024 * 1024;

    private final Path path;

    public WorkloadFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * Reads the whole file and checks every line: the type must have a handler and the handler must accept the
     * arguments.
     */
    public WorkloadCheck check(TaskHandlers handlers) {
        return check(handlers, lines -> { });
    }

    /**
     * As {@link #check(TaskHandlers)}, telling {@code progress} the number of lines read every
     * {@value #PROGRESS_LINES} lines (a large file takes seconds to check).
     */
    public WorkloadCheck check(TaskHandlers handlers, LongConsumer progress) {
        List<String> errors = new ArrayList<>();
        int errorCount = 0;
        LineCheck lines = new LineCheck(handlers);
        try (BoundedLines r = open()) {
            long no = 0;
            while (true) {
                String problem;
                try {
                    if (!r.advance()) {
                        break;
                    }
                    problem = lines.check(r.chars(), r.start(), r.length(), ++no);
                } catch (BoundedLines.LineTooLongException e) {
                    problem = tooLong(e.length());
                    ++no;
                }
                if (no % PROGRESS_LINES == 0) {
                    progress.accept(no);
                }
                if (problem != null && ++errorCount <= MAX_REPORTED_ERRORS) {
                    errors.add(path + ":" + no + ": " + problem);
                }
            }
        } catch (IOException e) {
            throw new WorkloadException(path + ": cannot read: " + e.getMessage(), List.of());
        }
        long tasks = lines.tasks();
        if (tasks == 0 && errorCount == 0) {
            errors.add(path + ": no tasks (every line is blank or a comment)");
            errorCount = 1;
        }
        return new WorkloadCheck(path, tasks, lines.sleepMillis(), errors, errorCount);
    }

    private static String tooLong(long length) {
        return "line of " + length + " characters is over the limit of " + MAX_LINE_CHARS + " characters";
    }

    /** The tasks, read lazily; the iterator holds the file open until exhausted or closed. */
    public TaskStream tasks() {
        return new TaskStream(path, open());
    }

    private BoundedLines open() {
        try {
            return new BoundedLines(new java.io.InputStreamReader(Files.newInputStream(path),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)), MAX_LINE_CHARS);
        } catch (NoSuchFileException e) {
            throw new WorkloadException(path + ": no such file", List.of());
        } catch (IOException e) {
            throw new WorkloadException(path + ": cannot open: " + e.getMessage(), List.of());
        }
    }

    /**
     * One line to a task; empty for blank and comment lines.
     *
     * @throws IllegalArgumentException when the type is not a word
     */
    public static Optional<Task> parse(String line, long lineNo) {
        return Optional.ofNullable(parseOrNull(line, lineNo, null));
    }

    /**
     * The fast form of {@link #parse}: null for blank and comment lines; {@code lastType}, when the line has the
     * same type, is reused instead of a new string (a workload is mostly one type).
     */
    static Task parseOrNull(String line, long lineNo, String lastType) {
        // A byte order mark (files saved by some Windows editors) is not part of the first task's type.
        String s = (lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
        if (s.isEmpty() || s.charAt(0) == '#') {
            return null;
        }
        int sp = 0;
        while (sp < s.length() && !Character.isWhitespace(s.charAt(sp))) {
            sp++;
        }
        String type;
        if (lastType != null && lastType.length() == sp && s.startsWith(lastType)) {
            type = lastType;
        } else {
            type = s.substring(0, sp);
            for (int i = 0; i < type.length(); i++) {
                char c = type.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    throw new IllegalArgumentException("task type must be lower-case letters, digits, '-' or '_', "
                            + "was '" + UserText.excerpt(type) + "'");
                }
            }
        }
        return new Task(lineNo, type, sp == s.length() ? "" : s.substring(sp + 1).strip());
    }

    /** A lazy sequence of the file's tasks. Close it if not read to the end. */
    public static final class TaskStream implements Iterator<Task>, AutoCloseable {
        private final Path path;
        private final BoundedLines reader;
        private final QuickLine quick = new QuickLine();
        private long lineNo;
        private String lastType;
        private Task next;
        private boolean done;

        TaskStream(Path path, BoundedLines reader) {
            this.path = path;
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                try {
                    if (!reader.advance()) {
                        close();
                        break;
                    }
                    lineNo++;
                    next = read(reader.chars(), reader.start(), reader.length());
                } catch (BoundedLines.LineTooLongException e) {
                    // Only when the file grew a long line after its check.
                    close();
                    throw new WorkloadException(path + ":" + (lineNo + 1) + ": " + tooLong(e.length()), List.of());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        private Task read(char[] a, int from, int length) {
            int kind = quick.split(a, from, length);
            if (kind == QuickLine.TASK) {
                return new Task(lineNo, quick.type(), quick.args());
            }
            if (kind == QuickLine.SKIP) {
                return null;
            }
            Task t = parseOrNull(new String(a, from, length), lineNo, lastType);
            if (t != null) {
                lastType = t.type();
            }
            return t;
        }

        @Override
        public Task next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Task t = next;
            next = null;
            return t;
        }

        @Override
        public void close() {
            done = true;
            try {
                reader.close();
            } catch (IOException ignored) {
                // closing a reader we only read from: nothing to lose
            }
        }
    }
}
