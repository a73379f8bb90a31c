package dev.kon.aws.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's usage, kept in a file for whoever started the process: with {@value #ENV}{@code =PATH} in its
 * environment, a Kon process meters every AWS client it builds with one {@link UsageMeter} and writes the meter's
 * {@link UsageSnapshot} to PATH every {@link #INTERVAL}, whenever its clients close, and at exit. Each write
 * replaces the file whole (a temporary file moved over it), so a reader never sees half of one. Calls made while
 * the JVM shuts down (a worker finishing its tasks after SIGTERM, in its own shutdown hook) may come after the last
 * write and be missing; to count everything, read the file once the process's work is done, before stopping it.
 *
 * <p>The file: a first line {@code # kon usage<TAB>pid=N<TAB>written=EPOCH_MILLIS}, then the snapshot as
 * {@link UsageSnapshot#toTsv()} writes it. Read it with {@link #read(Path)}.
 *
 * <p>Thread-safe. Without the variable nothing is metered and nothing written.
 */
public final class UsageFile {
    /** The environment variable naming the file. */
    public static final String ENV = "KON_USAGE_FILE";
    /** How often a metered process rewrites its file. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(UsageFile.class);
    private static final String FIRST = "# kon usage";
    private static Optional<UsageFile> process;
    private final Path path;
    private final UsageMeter meter;
    /** Set by the last write at exit: a write begun after it (a timer tick, a closing client) could be cut off. */
    private boolean last;

    /**
     * What a usage file held.
     *
     * @param pid     the process that wrote it
     * @param written when it was written
     * @param usage   the counts
     */
    public record Contents(long pid, Instant written, UsageSnapshot usage) {
        public Contents {
            Objects.requireNonNull(written, "written");
            Objects.requireNonNull(usage, "usage");
        }
    }

    UsageFile(Path path, UsageMeter meter) {
        this.path = path;
        this.meter = meter;
    }

    /**
     * This process's usage file, when {@value #ENV} names one: made on the first call, together with its meter,
     * a daemon thread that writes it every {@link #INTERVAL}, and a shutdown hook that writes it last.
     */
    public static synchronized Optional<UsageFile> forProcess() {
        if (process == null) {
            process = fromEnvironment(System.getenv());
            process.ifPresent(UsageFile::startWriting);
        }
        return process;
    }

    /** The file {@code env} asks for, not yet writing; for tests. */
    static Optional<UsageFile> fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new UsageFile(Path.of(value.trim()).toAbsolutePath(), new UsageMeter()));
    }

    public Path path() {
        return path;
    }

    public UsageMeter meter() {
        return meter;
    }

    /** Writes the meter's counts now; does nothing once the process has written its last counts at exit. */
    public synchronized void write() {
        if (last) {
            return;
        }
        String text = FIRST + "\tpid=" + ProcessHandle.current().pid() + "\twritten=" + System.currentTimeMillis()
                + "\n" + meter.snapshot().toTsv();
        try {
            Path dir = path.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the usage file " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@link #write()}, logging rather than throwing: for background threads and hooks. */
    public void writeQuietly() {
        try {
            write();
        } catch (RuntimeException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    /**
     * Reads a usage file.
     *
     * @throws UncheckedIOException     when it cannot be read
     * @throws IllegalArgumentException when it is not a usage file
     */
    public static Contents read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the usage file " + file + ": " + e.getMessage(), e);
        }
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (!first.startsWith(FIRST)) {
            throw new IllegalArgumentException(file + " is not a usage file: it does not start with '" + FIRST + "'");
        }
        long pid = -1;
        long written = -1;
        for (String field : first.split("\t")) {
            if (field.startsWith("pid=")) {
                pid = Long.parseLong(field.substring(4));
            } else if (field.startsWith("written=")) {
                written = Long.parseLong(field.substring(8));
            }
        }
        if (written < 0) {
            throw new IllegalArgumentException(file + " names no written= time on its first line");
        }
        return new Contents(pid, Instant.ofEpochMilli(written), UsageSnapshot.parseTsv(text.substring(end + 1)));
    }

    private void startWriting() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kon-usage-file");
            t.setDaemon(true);
            return t;
        });
        long ms = INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(this::writeQuietly, 0, ms, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdown();
            writeLast();
        }, "kon-usage-file-last"));
    }

    /**
     * The write at exit. Threads may still call AWS while the other shutdown hooks run (a worker finishing its
     * tasks), but the process ends soon after: a later write could be cut off half done, so there is none.
     */
    synchronized void writeLast() {
        writeQuietly();
        last = true;
    }
}
