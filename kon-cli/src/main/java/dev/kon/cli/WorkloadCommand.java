package dev.kon.cli;

import dev.kon.workload.SleepWorkloads;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kon workload}: writes workload files. */
@Command(name = "workload", description = "Write workload files.", mixinStandardHelpOptions = true,
        subcommands = WorkloadCommand.Sleep.class)
final class WorkloadCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "sleep", mixinStandardHelpOptions = true,
            description = {"Write a workload of 'sleep MS' tasks, one per line.",
                "With --per-worker N, writes TASKS x N lines: the same share for each of N workers, as the "
                        + "efficiency measurement wants."})
    static final class Sleep implements Callable<Integer> {
        @Option(names = "--tasks", paramLabel = "N", required = true,
                description = "Tasks to write (per worker with --per-worker).")
        long tasks;

        @Option(names = "--ms", paramLabel = "MS", required = true,
                description = "Milliseconds each task sleeps (0 = no-op task).")
        long ms;

        @Option(names = "--per-worker", paramLabel = "N", defaultValue = "0",
                description = "Multiply --tasks by this many workers.")
        int perWorker;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE",
                description = "File to write (default: sleep-<ms>ms-<n>.txt).")
        Path out;

        @Override
        public Integer call() {
            if (tasks < 1) {
                throw new IllegalArgumentException("--tasks must be >= 1, was " + tasks);
            }
            if (ms < 0) {
                throw new IllegalArgumentException("--ms must be >= 0, was " + ms);
            }
            if (perWorker < 0) {
                throw new IllegalArgumentException("--per-worker must be >= 1, was " + perWorker);
            }
            long total = perWorker > 0 ? tasks * perWorker : tasks;
            Path file = out != null ? out : Path.of("sleep-" + ms + "ms-" + total + ".txt");
            SleepWorkloads.write(file, total, ms);
            System.out.printf("wrote %,d tasks of sleep %d ms to %s%n", total, ms, file);
            return ExitCodes.OK;
        }
    }
}
