package dev.kon.cli;

import dev.kon.client.CollectStats;
import dev.kon.client.RunListener;
import dev.kon.client.RunSpec;
import java.io.PrintStream;
import dev.kon.workers.WorkerRegistry;
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
    private WorkerRegistry workers;
    private String queue;
    private String runId;

    ProgressView(String label, boolean quiet) {
        this.out = System.err;
        this.terminal = !quiet && System.console() != null;
        this.label = label;
        this.quiet = quiet;
    }

    /**
     * Reads the worker registry when results stop coming, to say why: a lost worker's lease, no worker on
     * {@code queue}, or tasks still running. Without it, the quiet line names every likely cause.
     */
    ProgressView watchingWorkers(WorkerRegistry registry, String taskQueue) {
        this.workers = registry;
        this.queue = taskQueue;
        return this;
    }

    @Override
    public void started(RunSpec spec, long tasks) {
        runId = spec.runId();
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
        if (quiet) {
            return;
        }
        String why = workers == null ? null
                : WorkerHint.read(workers, queue, r -> r.equals(runId), java.time.Instant.now()).orElse(null);
        if (bar != null) {
            // the bar has one line of the terminal's width for everything
            bar.setExtraMessage(why != null ? String.format("no new result for %ds: %s", silent.toSeconds(), why)
                    : String.format("no new result for %ds: long tasks, a lost worker's lease, or no worker?",
                            silent.toSeconds()));
        } else {
            out.println(label + ": " + (why == null ? stalledLine(silent, stats) : stalledLine(silent, stats, why)));
        }
    }

    /** The quiet line with the reason the worker registry gave ({@link WorkerHint}). */
    static String stalledLine(Duration silent, CollectStats stats, String why) {
        return String.format("no new result for %ds (%,d/%,d): %s", silent.toSeconds(), stats.distinct(),
                stats.expected(), why);
    }

    /**
     * What a long quiet may mean, the likelier first: tasks still running, or a worker that stopped holding a lease
     * which has to run out before another worker takes its tasks again (the client cannot tell which), or no worker.
     */
    static String stalledLine(Duration silent, CollectStats stats) {
        return String.format("no new result for %ds (%,d/%,d): tasks still running, or waiting out a lost worker's "
                + "lease; if no worker serves this queue, start one (kon worker)", silent.toSeconds(), stats.distinct(),
                stats.expected());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
