package dev.kon.cli;

import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import java.time.Clock;
import dev.kon.workers.WorkerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon status RUN_ID}: one run's progress, rate and ETA; with --watch, until it ends. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show one run: a progress bar, tasks done and failed, rate, ETA and the live workers holding "
                + "its bundles.",
            "With --watch, refresh every second until the run is done or cancelled (Ctrl-C stops watching, not "
                    + "the run)."})
final class StatusCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StatusCommand.class);

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id 'kon submit' or 'kon runs' printed.")
    String runId;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = {"-w", "--watch"}, description = "Refresh every second until the run ends.")
    boolean watch;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object; with --watch, one line per refresh).")
    OutputFormat output;

    /**
     * The live workers whose last heartbeat says they hold bundles of the run (one scan of the small workers
     * table); null when the registry cannot be read, which leaves the run's own figures to show.
     */
    static List<WorkerRecord> workersOn(CloudContext ctx, String runId, Instant now) {
        try {
            return ctx.backend.workers().live(now).stream().filter(w -> w.holds(runId))
                    .sorted(java.util.Comparator.comparing(WorkerRecord::workerId)).toList();
        } catch (RuntimeException e) {
            LOG.debug("reading the worker registry failed", e);
            return null;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        try (CloudContext ctx = CloudContext.open(cloud)) {
            Clock clock = Clock.systemUTC();
            boolean tty = System.console() != null && output == OutputFormat.text;
            while (true) {
                Optional<RunRecord> found = ctx.backend.runs().find(runId);
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("run '" + dev.kon.task.UserText.excerpt(runId) + "' is unknown on table '"
                            + ctx.names.runsTable() + "' (wrong id, or older than the 7-day retention)");
                }
                RunRecord run = found.get();
                Instant now = clock.instant();
                RunView view = new RunView(run, now, workersOn(ctx, runId, now));
                if (output == OutputFormat.json) {
                    System.out.println(view.json());
                } else {
                    if (watch && tty) {
                        System.out.print("\033[H\033[2J");
                    }
                    System.out.print(view.detail());
                }
                System.out.flush();
                boolean ended = run.state() == RunState.DONE || run.state() == RunState.CANCELLED;
                if (!watch || ended) {
                    return run.failed() > 0 ? ExitCodes.TASKS_FAILED : ExitCodes.OK;
                }
                Thread.sleep(Duration.ofSeconds(1).toMillis());
            }
        }
    }
}
