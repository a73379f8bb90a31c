package dev.kon.cli;

import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.client.ResponseLog;
import dev.kon.client.ResultSink;
import dev.kon.client.RunArchive;
import dev.kon.client.RunManifest;
import dev.kon.client.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon collect}: picks up the results of a run whose client stopped. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Collect the results of an earlier 'kon submit' whose client stopped or was detached.")
final class CollectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id 'kon submit' printed.")
    String runId;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = "--log", paramLabel = "FILE", description = "Write one line per task (all of them, again).")
    Path log;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "0",
            description = "Give up after this long (" + DurationConverter.FORMATS
                    + "; default: 0 = wait until every result is in).")
    Duration timeout;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the report as one object; fields in the README).")
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        try (CloudContext ctx = CloudContext.open(cloud)) {
            RunArchive archive = new RunArchive(ctx.backend.blobs(), runId);
            RunManifest run = archive.readManifest().orElseThrow(() -> new IllegalArgumentException("run '" + runId
                    + "' is unknown in bucket '" + cloud.bucket + "' (wrong id, or already collected in full)"));
            RunReport report;
            try (Kon kon = Kon.open(KonSettings.of(ctx.backend, run.taskQueue()));
                    ResponseLog responses = log == null ? null : new ResponseLog(log);
                    ProgressView view = new ProgressView("collect", quiet)
                            .watchingWorkers(ctx.backend.workers(), run.taskQueue())) {
                ResultSink sink = responses == null ? r -> { } : responses;
                report = kon.archivedRuns().collect(run, archive, sink, timeout, view);
            }
            return ReportView.print(report, output, log, archive);
        }
    }
}
