package dev.kon.cli;

import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.client.ResponseLog;
import dev.kon.client.ResultSink;
import dev.kon.client.RunArchive;
import dev.kon.client.RunManifest;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import dev.kon.task.TaskHandlers;
import dev.kon.task.UserText;
import dev.kon.workload.WorkloadCheck;
import dev.kon.workload.WorkloadFile;
import dev.kon.workload.WorkloadFingerprint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon submit}: puts a workload on the cloud task queue and collects its results (the seed's client_SQS). */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a workload to the cloud task queue and wait for every task's result.",
            "Each submission is a run with its own id and reply queue. If this client stops (Ctrl-C, a crash), "
                    + "'kon collect RUN_ID' picks the results up again; nothing is lost."})
final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "Workload file: one 'TYPE ARGS...' per line.")
    Path workload;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = "--log", paramLabel = "FILE",
            description = "Write one line per task: id, status, worker, start, end, output.")
    Path log;

    @Option(names = "--bundle", paramLabel = "N", defaultValue = "0",
            description = "Tasks per message, 1..1000 (default: chosen from the task count and, for sleep workloads, "
                    + "their length; see the README).")
    int bundle;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "Worker threads serving the queue, for the efficiency figure (default: unknown).")
    int workers;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "0",
            description = "Give up waiting for results after this long (" + DurationConverter.FORMATS
                    + "; default: 0 = wait until every result is in).")
    Duration timeout;

    @Option(names = "--time-limit", paramLabel = "DURATION",
            description = "Longest one attempt of a task may run, e.g. 30s, 5m, 500ms; past it the task is stopped "
                    + "and fails 'timed out' (default: each task type's own: sleep its length + 1m, stats 1m, "
                    + "enhance 5m, video 10m, others 15m).")
    Duration timeLimit;

    @Option(names = "--detach", description = "Submit, print the run id and exit; collect later with 'kon collect'.")
    boolean detach;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--resume", paramLabel = "RUN_ID",
            description = "Send the rest of a run whose submitting stopped part-way (this client was killed while "
                    + "sending), from the same WORKLOAD file, and collect its results; no task runs twice.")
    String resume;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the report as one object; fields in the README).")
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        if (timeLimit != null && (timeLimit.compareTo(Duration.ofMillis(1)) < 0
                || timeLimit.compareTo(dev.kon.wire.TaskBundle.MAX_TIME_LIMIT) > 0)) {
            throw new IllegalArgumentException("--time-limit must be 1ms to 365d");
        }
        long checkStart = System.nanoTime();
        WorkloadFile file = new WorkloadFile(workload);
        WorkloadCheck check;
        try (CheckProgress progress = new CheckProgress(workload, quiet)) {
            check = file.check(TaskHandlers.discover(), progress);
        }
        check.orThrow();
        Duration checkTime = Duration.ofNanos(System.nanoTime() - checkStart);
        String fingerprint = WorkloadFingerprint.of(workload);
        try (CloudContext ctx = CloudContext.open(cloud)) {
            if (resume != null) {
                return resume(ctx, file, check, checkTime, fingerprint);
            }
            String runId = RunSpec.newRunId();
            RunArchive archive = new RunArchive(ctx.backend.blobs(), runId);
            archive.writeManifest(new RunManifest(runId, cloud.queue, RunSpec.REPLY_PREFIX + runId, check.tasks(),
                    check.sleepMillis(), workload.getFileName().toString()));
            RunRequest req = new RunRequest(cloud.queue, file::tasks, check.tasks(), check.sleepMillis(), workers,
                    bundle, checkTime, detach ? Duration.ofMillis(1) : timeout).withTimeLimit(timeLimit)
                    .withWorkload(workload.getFileName().toString()).withFingerprint(fingerprint);
            RunReport report;
            try (Kon kon = Kon.open(KonSettings.of(ctx.backend, cloud.queue));
                    ResponseLog responses = log == null ? null : new ResponseLog(log);
                    ProgressView view = new ProgressView("submit", quiet || detach)
                            .watchingWorkers(ctx.backend.workers(), cloud.queue)) {
                ResultSink sink = responses == null ? r -> { } : responses;
                report = kon.archivedRuns().run(runId, req, sink, archive::keep, view);
            }
            if (detach) {
                ReportView.printDetached(runId, check.tasks(), output);
                return ExitCodes.OK;
            }
            return ReportView.print(report, output, log, archive);
        }
    }

    /** {@code --resume}: the rest of a run whose submitting stopped, from the same file. */
    private int resume(CloudContext ctx, WorkloadFile file, WorkloadCheck check, Duration checkTime,
            String fingerprint) throws InterruptedException {
        String shown = UserText.excerpt(resume);
        RunRecord run = ctx.backend.runs().find(resume).orElseThrow(() -> new IllegalArgumentException("run '"
                + shown + "' is unknown on table '" + ctx.names.runsTable()
                + "' (wrong id, or older than the 7-day retention)"));
        if (run.state() != RunState.SUBMITTING) {
            throw new IllegalArgumentException("run " + shown + " is " + run.state().name().toLowerCase(Locale.ROOT)
                    + (run.state() == RunState.CANCELLED ? ", not resumed"
                            : ": every task was sent; collect its results with: kon collect " + shown));
        }
        if (run.origin().fingerprint().isEmpty()) {
            throw new IllegalArgumentException("run " + shown + " did not record its workload's fingerprint "
                    + "(submitted by an older kon), so it cannot be resumed safely");
        }
        if (!run.origin().fingerprint().equals(fingerprint) || run.tasks() != check.tasks()) {
            throw new IllegalArgumentException("'" + UserText.excerpt(workload.toString()) + "' is not the file run "
                    + shown + " was submitted from (" + run.workload() + ", " + sizeOf(run.origin().fingerprint())
                    + " bytes, " + run.tasks() + " tasks; this one: " + sizeOf(fingerprint) + " bytes, "
                    + check.tasks() + " tasks" + (sizeOf(fingerprint).equals(sizeOf(run.origin().fingerprint()))
                            ? ", other content" : "") + ")");
        }
        RunArchive archive = new RunArchive(ctx.backend.blobs(), run.runId());
        Duration limit = run.origin().timeLimitMs() == 0 ? null : Duration.ofMillis(run.origin().timeLimitMs());
        RunRequest req = new RunRequest(run.taskQueue(), file::tasks, check.tasks(), check.sleepMillis(), workers,
                run.origin().bundleSize(), checkTime, detach ? Duration.ofMillis(1) : timeout).withTimeLimit(limit)
                .withWorkload(run.workload()).withFingerprint(fingerprint);
        RunReport report;
        try (Kon kon = Kon.open(KonSettings.of(ctx.backend, run.taskQueue()));
                ResponseLog responses = log == null ? null : new ResponseLog(log);
                ProgressView view = new ProgressView("resume", quiet || detach)) {
            ResultSink sink = responses == null ? r -> { } : responses;
            report = kon.archivedRuns().resume(run, req, archive, sink, view);
        }
        if (detach) {
            ReportView.printDetached(run.runId(), check.tasks(), output);
            return ExitCodes.OK;
        }
        return ReportView.print(report, output, log, archive);
    }

    private static String sizeOf(String fingerprint) {
        int at = fingerprint.indexOf("size:");
        return at < 0 ? "?" : fingerprint.substring(at + 5);
    }
}
