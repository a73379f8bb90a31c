package dev.kon.cli;

import dev.kon.client.CollectStats;
import dev.kon.client.RunListener;
import dev.kon.client.RunSpec;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress: a progress bar on a terminal, a plain line every few seconds otherwise (logs, CI); nothing with {@code quiet}.
 */
final class ProgressView implements RunListener, AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final boolean quiet;
    private ProgressBar bar;
    private long lastLineNanos;

    ProgressView(String label, boolean quiet) {
        this.out = System.err;
        this.terminal = !quiet && System.console() != null;
        this.label = label;
        this.quiet = quiet;
    }

    @Override
    public void started(RunSpec spec, long tasks) {
        if (quiet) {
            return;
        }
        out.printf("%s: run %s, %,d tasks in bundles of %d%n", label, spec.runId(), tasks, spec.bundleSize());
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(tasks).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                    .showSpeed().setUnit(" tasks", 1).build();
        }
        lastLineNanos = System.nanoTime();
    }

    @Override
    public void progress(CollectStats stats) {
        if (bar != null) {
            bar.stepTo(stats.distinct());
            if (stats.failed() > 0) {
                bar.setExtraMessage(stats.failed() + " failed");
            }
        } else if (!quiet && System.nanoTime() - lastLineNanos > Duration.ofSeconds(5).toNanos()) {
            lastLineNanos = System.nanoTime();
            out.printf("%s: %,d/%,d results (%,d failed)%n", label, stats.distinct(), stats.expected(), stats.failed());
        }
    }

    @Override
    public void stalled(Duration silent, CollectStats stats) {
        String msg = String.format("no new result for %ds (%,d/%,d); is a worker running on this queue?",
                silent.toSeconds(), stats.distinct(), stats.expected());
        if (bar != null) {
            bar.setExtraMessage(msg);
        } else if (!quiet) {
            out.println(label + ": " + msg);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
