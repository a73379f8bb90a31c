package dev.kon.cli;

import dev.kon.runs.RunRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kon runs}: the recent runs, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List recent runs, newest first: state, progress, failures, rate and age.",
            "Runs are kept for 7 days after their last change."})
final class RunsCommand implements Callable<Integer> {
    /** How many runs --all lists at most. */
    static final int ALL = 10_000;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = "--all", description = "List every run kept (up to " + ALL + "), not only the latest.")
    boolean all;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "How many runs to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (an array of runs; fields in the README).")
    OutputFormat output;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
        }
        try (CloudContext ctx = CloudContext.open(cloud)) {
            List<RunRecord> runs = ctx.backend.runs().recent(all ? ALL : limit);
            Instant now = Clock.systemUTC().instant();
            if (output == OutputFormat.json) {
                System.out.println(RunView.json(runs, now));
                return ExitCodes.OK;
            }
            if (runs.isEmpty()) {
                System.out.println("no runs in the last 7 days on table '" + ctx.names.runsTable() + "'");
                return ExitCodes.OK;
            }
            System.out.println(RunView.header());
            runs.forEach(r -> System.out.println(new RunView(r, now).row()));
            return ExitCodes.OK;
        }
    }
}
