package dev.kon.cli;

import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.client.FailedRetry;
import dev.kon.client.ResponseLog;
import dev.kon.client.ResultSink;
import dev.kon.client.RunArchive;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.runs.FailedTask;
import dev.kon.runs.RunRecord;
import dev.kon.task.UserText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon retry RUN_ID --failed}: a new run of a run's failed tasks, linked to it. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Run a run's failed tasks again, as a new run that names the first ('kon status' shows the "
                + "link). The tasks keep their line numbers, on the first run's task queue.",
            "Tasks whose arguments were too long to keep (over " + FailedTask.MAX_ARGS + " characters) are left "
                    + "out and named."})
final class RetryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run whose failed tasks to run again.")
    String runId;

    @Option(names = "--failed", required = true, description = "Retry the failed tasks (the one kind of retry).")
    boolean failed;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = "--log", paramLabel = "FILE",
            description = "Write one line per task: id, status, worker, start, end, output.")
    Path log;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "0",
            description = "Give up waiting for results after this long (" + DurationConverter.FORMATS
                    + "; default: 0 = wait until every result is in).")
    Duration timeout;

    @Option(names = "--detach", description = "Submit, print the run id and exit; collect later with 'kon collect'.")
    boolean detach;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the report as one object; fields in the README).")
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        try (CloudContext ctx = CloudContext.open(cloud)) {
            String shown = UserText.excerpt(runId);
            RunRecord first = ctx.backend.runs().find(runId).orElseThrow(() -> new IllegalArgumentException("run '"
                    + shown + "' is unknown on table '" + ctx.names.runsTable()
                    + "' (wrong id, or older than the 7-day retention)"));
            FailedRetry retry = FailedRetry.of(ctx.backend.runs(), first);
            List<Long> cut = retry.leftOut();
            if (!cut.isEmpty()) {
                System.err.printf(Locale.ROOT, "retry: %,d task(s) left out, their arguments were too long to keep: "
                        + "line(s) %s%n", cut.size(), cut.subList(0, Math.min(10, cut.size())));
            }
            if (first.failed() > retry.kept()) {
                System.err.printf(Locale.ROOT, "retry: run %s counts %,d failed tasks, %,d of them kept%n", shown,
                        first.failed(), retry.kept());
            }
            if (retry.tasks().isEmpty()) {
                System.out.println("run " + shown + " has no failed tasks to retry");
                return ExitCodes.OK;
            }
            String newRun = RunSpec.newRunId();
            RunArchive archive = new RunArchive(ctx.backend.blobs(), newRun);
            archive.writeManifest(retry.manifest(newRun));
            RunRequest req = retry.request(detach ? Duration.ofMillis(1) : timeout);
            RunReport report;
            try (Kon kon = Kon.open(KonSettings.of(ctx.backend, first.taskQueue()));
                    ResponseLog responses = log == null ? null : new ResponseLog(log);
                    ProgressView view = new ProgressView("retry", quiet || detach)) {
                ResultSink sink = responses == null ? r -> { } : responses;
                report = kon.archivedRuns().run(newRun, req, sink, archive::keep, view);
            }
            if (detach) {
                ReportView.printDetached(newRun, retry.tasks().size(), output);
                return ExitCodes.OK;
            }
            return ReportView.print(report, output, log, archive);
        }
    }
}
