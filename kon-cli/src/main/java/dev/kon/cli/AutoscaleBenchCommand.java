package dev.kon.cli;

import dev.kon.bench.BenchHarness;
import dev.kon.bench.autoscale.AutoscaleBench;
import dev.kon.bench.autoscale.AutoscalePlan;
import dev.kon.bench.autoscale.AutoscaleReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kon bench autoscale}: options only; {@link AutoscaleBench} does the work. */
@Command(name = "autoscale", mixinStandardHelpOptions = true,
        description = {"The autoscaler against fixed fleets and a queue-length policy, on the local cloud.",
            "Bursts of 'sleep 50' tasks with gaps of nothing between them, run one policy after another: the",
            "autoscaler (local provider, 0..--max workers, target drain 10 s), a fixed fleet of --max, a single",
            "worker, and workers = messages / 5 as KEDA's SQS scaler sizes a deployment (same min, max, cooldown).",
            "Per policy and burst: time from the first task sent to the last result, and worker-seconds (every",
            "second a worker process is alive, gaps included). Prints the table, the goals met or not and a chart;",
            "writes table.md, results.csv, timeline.csv and timeline.svg into bench-results/autoscale-<time>/ (or",
            "--out). Defaults take about 25 minutes; a quick run:",
            "  kon bench autoscale --bursts 1 --tasks 400 --gap 10s"})
final class AutoscaleBenchCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bursts", paramLabel = "N", description = "Bursts per policy (default: 3).")
    int bursts = AutoscalePlan.defaults().bursts();

    @Option(names = "--tasks", paramLabel = "N", description = "Tasks per burst (default: 2,000).")
    int tasks = AutoscalePlan.defaults().tasks();

    @Option(names = "--gap", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Nothing sent between bursts, and after the last, e.g. 10s, 1m (default: 60s).")
    Duration gap = AutoscalePlan.defaults().gap();

    @Option(names = "--max", paramLabel = "N", description = "Most workers, and the large fixed fleet (default: 8).")
    int max = AutoscalePlan.defaults().max();

    @Option(names = "--target-drain", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The autoscaler's target drain time (default: 10s).")
    Duration targetDrain = AutoscalePlan.DEFAULT_TARGET_DRAIN;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the results (default: bench-results/autoscale-<time>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        AutoscalePlan plan;
        try {
            plan = AutoscalePlan.defaults().withBursts(bursts).withTasks(tasks).withGap(gap).withMax(max)
                    .withTargetDrain(targetDrain);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage().replaceFirst(
                    "^targetDrain", "target-drain"));
        }
        Path dir = out != null ? out : BenchHarness.DEFAULT_ROOT.resolve("autoscale-" + LocalDateTime.now()
                .format(STAMP));
        AutoscaleReport report = new AutoscaleBench(System.out).run(plan, dir);
        System.out.println();
        System.out.print(report.render());
        System.out.println("results: " + dir.resolve("table.md") + ", chart: " + dir.resolve("timeline.svg"));
        return report.complete() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }
}
