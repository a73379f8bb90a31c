package dev.kon.cli;

import dev.kon.runs.FailedTask;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.task.UserText;
import dev.kon.view.FailureJson;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon failures RUN_ID}: the failed tasks of a run, kept by the workers for the retention period. */
@Command(name = "failures", mixinStandardHelpOptions = true,
        description = {"List a run's failed tasks by line: type, arguments, reason, attempts, worker.",
            "Kept for 7 days, whether or not the run's client is still there; about the first "
                    + RunRegistry.MAX_KEPT_FAILURES + " failures of a run are kept. Retry them with "
                    + "'kon retry RUN_ID --failed'."})
final class FailuresCommand implements Callable<Integer> {
    /** Widest arguments shown in the text table; JSON has them whole. */
    private static final int ARGS_SHOWN = 40;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id 'kon submit' or 'kon runs' printed.")
    String runId;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "100",
            description = "List at most N failed tasks, the first by line (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object; fields in the README).")
    OutputFormat output;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
        }
        try (CloudContext ctx = CloudContext.open(cloud)) {
            Optional<RunRecord> run = ctx.backend.runs().find(runId);
            List<FailedTask> failed = ctx.backend.runs().failures(runId, limit);
            if (run.isEmpty() && failed.isEmpty()) {
                throw new IllegalArgumentException("run '" + UserText.excerpt(runId) + "' is unknown on table '"
                        + ctx.names.runsTable() + "' (wrong id, or older than the 7-day retention)");
            }
            long counted = run.map(RunRecord::failed).orElse((long) failed.size());
            if (output == OutputFormat.json) {
                System.out.println(FailureJson.of(runId, counted, failed));
                return ExitCodes.OK;
            }
            if (failed.isEmpty()) {
                System.out.println("run " + runId + " has no failed tasks" + (counted > 0
                        ? String.format(Locale.ROOT, " kept (it counts %,d; beyond what is kept)", counted) : ""));
                return ExitCodes.OK;
            }
            System.out.printf(Locale.ROOT, "run %s: %,d failed task(s)%s%n", runId, counted,
                    failed.size() < counted ? String.format(Locale.ROOT, ", the first %,d by line:", failed.size())
                            : ":");
            System.out.printf(Locale.ROOT, "%-8s %-8s %8s  %-24s %-" + ARGS_SHOWN + "s  %s%n", "LINE", "TYPE",
                    "ATTEMPTS", "WORKER", "ARGS", "REASON");
            for (FailedTask f : failed) {
                System.out.printf(Locale.ROOT, "%-8d %-8s %8d  %-24s %-" + ARGS_SHOWN + "s  %s%n", f.line(),
                        f.type(), f.attempts(), f.worker(), cut(f.args(), ARGS_SHOWN), oneLine(f.reason()));
            }
            return ExitCodes.OK;
        }
    }

    private static String cut(String s, int max) {
        String one = oneLine(s);
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
