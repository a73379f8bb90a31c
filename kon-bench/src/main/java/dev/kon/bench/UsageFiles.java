package dev.kon.bench;

import dev.kon.aws.usage.UsageFile;
import dev.kon.aws.usage.UsageSnapshot;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the usage files of other processes ({@link UsageFile}), waiting for ones written after a given moment so
 * that what they hold is up to date. Stateless.
 */
final class UsageFiles {
    private static final Logger LOG = LoggerFactory.getLogger(UsageFiles.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private UsageFiles() {
    }

    /**
     * The sum of the files' counts, each read once it was written at or after {@code notBefore}; empty when one
     * is still older (or missing, or unreadable) after {@code timeout}.
     */
    static Optional<UsageSnapshot> readFresh(List<Path> files, Instant notBefore, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        UsageSnapshot sum = UsageSnapshot.EMPTY;
        for (Path file : files) {
            Optional<UsageSnapshot> one = Optional.empty();
            while (one.isEmpty()) {
                one = readIfFresh(file, notBefore);
                if (one.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        LOG.warn("no usage written to {} since {}", file, notBefore);
                        return Optional.empty();
                    }
                    Thread.sleep(POLL.toMillis());
                }
            }
            sum = sum.plus(one.get());
        }
        return Optional.of(sum);
    }

    private static Optional<UsageSnapshot> readIfFresh(Path file, Instant notBefore) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            UsageFile.Contents c = UsageFile.read(file);
            // the file's time is in whole milliseconds: one written in notBefore's millisecond may precede it
            Instant due = notBefore.truncatedTo(ChronoUnit.MILLIS).equals(notBefore) ? notBefore
                    : notBefore.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
            return c.written().isBefore(due) ? Optional.empty() : Optional.of(c.usage());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            LOG.debug("reading {}: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
