package dev.kon.cli;

import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.client.ResponseLog;
import dev.kon.client.ResultSink;
import dev.kon.client.RunReport;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.local.LocalMode;
import dev.kon.task.TaskHandlers;
import dev.kon.workload.WorkloadCheck;
import dev.kon.workload.WorkloadFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon run}: local mode, an in-memory queue and a pool of worker threads in this process. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a workload locally: an in-memory queue and N worker threads in this process.",
            "The file is checked whole first; if any line is bad, the errors are listed and nothing runs."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "Workload file: one 'TYPE ARGS...' per line.")
    Path workload;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "4",
            description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Write one line per task: id, status, worker, start, end, output.")
    Path log;

    @Option(names = "--bundle", paramLabel = "N", defaultValue = "0",
            description = "Tasks per message, 1..1000 (default: chosen from the task count and, for sleep workloads, "
                    + "their length; see the README).")
    int bundle;

    @Option(names = "--time-limit", paramLabel = "DURATION",
            description = "Longest one attempt of a task may run, e.g. 30s, 5m, 500ms; past it the task is stopped "
                    + "and fails 'timed out' (default: each task type's own: sleep its length + 1m, stats 1m, "
                    + "enhance 5m, video 10m, others 15m).")
    Duration timeLimit;

    @Option(names = "--blobs", paramLabel = "DIR",
            description = "Folder for task inputs and outputs (default: a temporary folder, removed at the end).")
    Path blobs;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the report as one object; fields in the README).")
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        if (timeLimit != null && (timeLimit.compareTo(Duration.ofMillis(1)) < 0
                || timeLimit.compareTo(dev.kon.wire.TaskBundle.MAX_TIME_LIMIT) > 0)) {
            throw new IllegalArgumentException("--time-limit must be 1ms to 365d");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, was " + workers);
        }
        TaskHandlers handlers = TaskHandlers.discover();
        long checkStart = System.nanoTime();
        WorkloadFile file = new WorkloadFile(workload);
        WorkloadCheck check;
        try (CheckProgress progress = new CheckProgress(workload, quiet)) {
            check = file.check(handlers, progress);
        }
        check.orThrow();
        Duration checkTime = Duration.ofNanos(System.nanoTime() - checkStart);

        Path blobDir = blobs != null ? blobs : Files.createTempDirectory("kon-blobs");
        RunReport report;
        try (Kon kon = Kon.open(KonSettings.local(LocalMode.Options.of(blobDir, handlers, workers)
                        .withOnFailure(Main::dieOf)));
                ResponseLog responses = log == null ? null : new ResponseLog(log);
                ProgressView view = new ProgressView("run", quiet)) {
            RunRequest req = new RunRequest(kon.taskQueue(), file::tasks, check.tasks(), check.sleepMillis(), workers,
                    bundle, checkTime, Duration.ZERO).withTimeLimit(timeLimit);
            ResultSink sink = responses == null ? r -> { } : responses;
            report = kon.archivedRuns(LocalMode.MAX_WAITING).run(RunSpec.newRunId(), req, sink, b -> { }, view);
        } finally {
            if (blobs == null) {
                deleteTree(blobDir);
            }
        }
        return ReportView.print(report, output, log, null);
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
