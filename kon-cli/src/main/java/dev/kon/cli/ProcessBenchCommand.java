package dev.kon.cli;

import dev.kon.bench.BenchHarness;
import dev.kon.bench.ProcessBench;
import dev.kon.bench.ProcessBenchResult;
import dev.kon.bench.WorkerLaunch;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kon bench process}: options only; {@link ProcessBench} does the work. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Kon as a user runs it: a local cloud, workers and one submit, each a process of its own.",
            "Starts 'kon cloud start' (free ports) and N 'kon worker' processes, then times one 'kon submit' of "
                + "'sleep 0' tasks from its start to its exit. Prints tasks/s, CPU per task of client, cloud and "
                + "workers (from /proc), bytes per task on the wire, and billable AWS units per task with the cost "
                + "of a million tasks. Writes process.md and every process's output into "
                + "bench-results/<timestamp>-process/ (or --out). Linux only."},
        footer = {"", "Examples:", "  kon bench process", "  kon bench process --tasks 20000 --workers 2",
            "  kon bench process --warmup 20000 --bundle 1000"})
final class ProcessBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tasks", paramLabel = "N", description = "Tasks to submit (default: 100,000).")
    long tasks = ProcessBench.DEFAULT_TASKS;

    @Option(names = "--workers", paramLabel = "N", description = "Worker processes (default: 4).")
    int workers = ProcessBench.DEFAULT_WORKERS;

    @Option(names = "--threads", paramLabel = "N", description = "Task threads per worker (default: 1, as cloud "
            + "mode's workers).")
    int threads = ProcessBench.DEFAULT_THREADS;

    @Option(names = "--bundle", paramLabel = "N", description = "Tasks per message, passed to kon submit (default: "
            + "its automatic size).")
    int bundle;

    @Option(names = "--warmup", paramLabel = "N", description = "Run an untimed submit of N tasks first, so the "
            + "timed one meets a cloud and workers that have worked before (default: 0, none).")
    long warmup;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for process.md and the processes' output (default: bench-results/<timestamp>-process).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tasks must be >= 1, was " + tasks);
        }
        if (workers < 1 || workers > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be 1..64, was " + workers);
        }
        if (threads < 1 || threads > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 1..64, was " + threads);
        }
        if (bundle < 0 || bundle > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bundle must be 1..1000, was " + bundle);
        }
        if (warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be >= 0, was " + warmup);
        }
        Path dir = out != null ? out : Path.of(BenchHarness.defaultOutDir() + "-process");
        ProcessBenchResult result = new ProcessBench(WorkerLaunch.defaults(), System.out).run(tasks, workers, threads,
                bundle, warmup, dir);
        System.out.println();
        System.out.print(result.render());
        System.out.println("results: " + dir.resolve("process.md"));
        return result.exitCode() == 0 ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }
}
