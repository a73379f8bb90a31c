package dev.kon.cli;

import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon status RUN_ID}: one run's progress, rate and ETA; with --watch, until it ends. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show one run: a progress bar, tasks done and failed, rate and ETA.",
            "With --watch, refresh every second until the run is done or cancelled (Ctrl-C stops watching, not "
                    + "the run)."})
final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id 'kon submit' or 'kon runs' printed.")
    String runId;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = {"-w", "--watch"}, description = "Refresh every second until the run ends.")
    boolean watch;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object; with --watch, one line per refresh).")
    OutputFormat output;

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
                RunView view = new RunView(run, clock.instant());
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
