package dev.kon.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * The line count of a workload being checked, on one self-rewriting line of a terminal, so a check of tens of
 * millions of lines is not seconds of silence. Nothing when not on a terminal or quiet; nothing for a file
 * checked before the first count. Close it once the check is over.
 */
final class CheckProgress implements LongConsumer, AutoCloseable {
    private final PrintStream out;
    private final Path file;
    private final boolean shown;
    private boolean printed;

    CheckProgress(Path file, boolean quiet) {
        this(System.err, file, !quiet && System.console() != null);
    }

    CheckProgress(PrintStream out, Path file, boolean shown) {
        this.out = out;
        this.file = file;
        this.shown = shown;
    }

    @Override
    public void accept(long lines) {
        if (shown) {
            out.printf(Locale.ROOT, "\rchecking %s: %,d lines", file.getFileName(), lines);
            out.flush();
            printed = true;
        }
    }

    /** Ends the progress line, if one was printed. */
    @Override
    public void close() {
        if (printed) {
            out.println();
            printed = false;
        }
    }
}
