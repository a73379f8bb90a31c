package dev.kon.cli;

import dev.kon.aws.AwsSettings;
import dev.kon.aws.CloudNames;
import dev.kon.bench.BenchHarness;
import dev.kon.bench.BenchMode;
import dev.kon.bench.BenchPlan;
import dev.kon.bench.BenchResults;
import dev.kon.bench.CloudTarget;
import dev.kon.bench.CloudTestbed;
import dev.kon.bench.LocalTestbed;
import dev.kon.bench.Testbed;
import dev.kon.bench.WorkerLaunch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kon bench}: the seed's throughput and efficiency measurements side by side with Kon's, and JMH. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure Kon as the seed measured itself, and print the seed's figures beside Kon's.",
            "Each run writes table.md, results.csv and a PNG chart into bench-results/<timestamp>/ (or --out)."},
        subcommands = {BenchCommand.Throughput.class, BenchCommand.Efficiency.class, BenchCommand.Jmh.class,
            AppsBenchCommand.class, ProcessBenchCommand.class, WebBenchCommand.class,
            AutoscaleBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every measurement takes. */
    static final class Common {
        @Spec(Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--mode", required = true, paramLabel = "local|cloud",
                description = {"local: worker threads in this JVM on the in-memory queue.",
                    "cloud: one 'kon worker' process per worker on SQS, DynamoDB and S3 (a local cloud on "
                        + "127.0.0.1 that the benchmark starts and tears down, unless --external-workers)."})
        String mode;

        @Option(names = "--workers", split = ",", paramLabel = "N[,N...]", hideParamSyntax = true,
                description = "Worker counts, one cell each (default: 1,2,4,8,16, the seed's).")
        List<Integer> workers = new ArrayList<>();

        @Option(names = "--quick", description = {"A short run: fewer tasks, shorter sleeps (under a minute locally;",
            "in cloud mode starting the 31 worker JVMs takes most of the time)."})
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Folder for table.md, results.csv and the chart (default: bench-results/<timestamp>).")
        Path out;

        @Option(names = "--cell-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Give up on a cell's missing results after this long (default: 10m + 3x the cell's "
                        + "ideal time).")
        Duration cellTimeout = Duration.ZERO;

        @Option(names = "--external-workers", paramLabel = "N",
                description = {"Cloud mode on existing services (real AWS, or --endpoint) with N workers already "
                    + "running on --queue; the benchmark then starts no workers and provisions nothing.",
                    "Region and credentials come from the AWS environment (AWS_REGION, AWS_PROFILE, ...)."})
        int externalWorkers;

        @Option(names = "--endpoint", paramLabel = "URL",
                description = "With --external-workers: the one endpoint of SQS, DynamoDB and S3 (default: AWS, or "
                        + "the AWS_ENDPOINT_URL* variables).")
        URI endpoint;

        @Option(names = "--queue", paramLabel = "NAME", description = "With --external-workers: the task queue "
                + "(default: " + CloudNames.DEFAULT_TASK_QUEUE + ").")
        String queue = CloudNames.DEFAULT_TASK_QUEUE;

        @Option(names = "--table", paramLabel = "NAME", description = "With --external-workers: the ledger table "
                + "(default: " + CloudNames.DEFAULT_LEDGER_TABLE + ").")
        String table = CloudNames.DEFAULT_LEDGER_TABLE;

        @Option(names = "--bucket", paramLabel = "NAME", description = "With --external-workers: the blob bucket "
                + "(default: " + CloudNames.DEFAULT_BUCKET + ").")
        String bucket = CloudNames.DEFAULT_BUCKET;

        BenchMode mode() {
            return switch (mode.toLowerCase(Locale.ROOT)) {
                case "local" -> BenchMode.LOCAL;
                case "cloud" -> BenchMode.CLOUD;
                default -> throw bad("--mode must be local or cloud, was '" + mode + "'");
            };
        }

        /** The worker counts, after checking the cloud options fit together. */
        List<Integer> workerCounts() {
            BenchMode m = mode();
            if (externalWorkers < 0) {
                throw bad("--external-workers must be >= 1, was " + externalWorkers);
            }
            if (externalWorkers == 0) {
                if (endpoint != null) {
                    throw bad("--endpoint needs --external-workers N: on other services than the local cloud the "
                            + "benchmark starts no workers");
                }
                return workers;
            }
            if (m != BenchMode.CLOUD) {
                throw bad("--external-workers is for --mode cloud");
            }
            if (!workers.isEmpty() && !workers.equals(List.of(externalWorkers))) {
                throw bad("--workers must be left out with --external-workers (every cell has the "
                        + externalWorkers + " external workers), was " + workers);
            }
            return List.of(externalWorkers);
        }

        BenchPlan plan(Supplier<BenchPlan> make) {
            try {
                return make.get();
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }

        /** Runs the plan on the testbed its mode asks for; exit 0 when every cell got all its results. */
        int run(BenchPlan plan) throws InterruptedException {
            Path dir = out != null ? out : BenchHarness.defaultOutDir();
            try (Testbed bed = testbed(plan.mode(), dir)) {
                BenchResults results = new BenchHarness(bed, System.out, cellTimeout).run(plan, dir);
                return results.complete() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
            }
        }

        private Testbed testbed(BenchMode m, Path dir) {
            if (m == BenchMode.LOCAL) {
                return new LocalTestbed();
            }
            if (externalWorkers == 0) {
                return CloudTestbed.start(CloudTarget.localCloud(WorkerLaunch.defaults()), dir.resolve("workers"),
                        System.out);
            }
            AwsSettings settings = AwsSettings.fromEnvironment();
            if (endpoint != null) {
                settings = settings.withEndpoints(endpoint, endpoint, endpoint);
            }
            CloudNames names;
            try {
                names = CloudNames.defaults().withTaskQueue(queue).withLedgerTable(table).withBucket(bucket);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            return CloudTestbed.start(CloudTarget.external(settings, names, externalWorkers), dir.resolve("workers"),
                    System.out);
        }

        ParameterException bad(String message) {
            return new ParameterException(spec.commandLine(), message);
        }
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = {"Tasks per second of 'sleep 0' tasks at each worker count, measured as the seed did.",
                "tasks/s = tasks / (first submit to last result received); workers start before the clock.",
                "Defaults: 1,000,000 tasks local, 100,000 cloud; --quick: 100,000 local, 5,000 cloud.",
                "The seed: 1,000,000 tasks local (about 55,000-58,000 tasks/s), 10,000 remote (13-21 tasks/s)."},
            footer = {"", "Examples:", "  kon bench throughput --mode local",
                "  kon bench throughput --mode cloud --quick",
                "  kon bench throughput --mode local --workers 1,4 --tasks 200000"})
    static final class Throughput implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--tasks", paramLabel = "N", description = "Tasks per cell (default: by mode, see above).")
        long tasks;

        @Override
        public Integer call() throws Exception {
            if (tasks < 0) {
                throw common.bad("--tasks must be >= 1, was " + tasks);
            }
            List<Integer> counts = common.workerCounts();
            BenchPlan plan = common.plan(() -> BenchPlan.throughput(common.mode(), common.quick, counts, tasks));
            return common.run(plan);
        }
    }

    @Command(name = "efficiency", mixinStandardHelpOptions = true,
            description = {"Efficiency of 'sleep T' tasks at each worker count, measured as the seed did.",
                "Every worker gets the same number of tasks;",
                "efficiency = (tasks per worker x T) / (first submit to last result received).",
                "Defaults: 10ms x 1000, 1s x 100, 10s x 10 tasks per worker (the seed's; about 18 minutes locally).",
                "--quick: 10ms x 100 and 100ms x 10 tasks per worker (about a second of sleep per cell)."},
            footer = {"", "Examples:", "  kon bench efficiency --mode local --quick",
                "  kon bench efficiency --mode cloud --sleep 1s --per-worker 20 --workers 1,2,4"})
    static final class Efficiency implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--sleep", split = ",", paramLabel = "T[,T...]", hideParamSyntax = true,
                converter = DurationConverter.class,
                description = "Sleep lengths, e.g. 10ms,1s,10s (default: by --quick, see above).")
        List<Duration> sleeps = new ArrayList<>();

        @Option(names = "--per-worker", paramLabel = "N",
                description = "Tasks per worker for every length (default: the seed's count for its lengths, else "
                        + "enough for 10 s of sleep, 1 s with --quick).")
        int perWorker;

        @Override
        public Integer call() throws Exception {
            if (perWorker < 0) {
                throw common.bad("--per-worker must be >= 1, was " + perWorker);
            }
            List<Integer> counts = common.workerCounts();
            BenchPlan plan = common.plan(() -> BenchPlan.efficiency(common.mode(), common.quick, counts, sleeps,
                    perWorker));
            return common.run(plan);
        }
    }

    @Command(name = "jmh",
            description = {"JMH micro-benchmarks of the wire codec, the in-memory queue and the collector.",
                "Wire codec: a 100-task bundle and a 100-result batch, encoded and decoded. In-memory queue: send,",
                "receive and acknowledge 10 messages. Collector: 100-result batches taken, duplicates dropped.",
                "Every argument goes to JMH: a regular expression selects benchmarks, -h lists JMH's options.",
                "Defaults per benchmark: 1 fork, 5 x 1 s warm-up, 5 x 1 s measured (about 2 minutes in all)."},
            footer = {"", "Examples:", "  kon bench jmh", "  kon bench jmh WireCodec -f 1 -wi 2 -i 3",
                "  kon bench jmh -lp", "",
                "Without the kon command: java -cp \"kon-cli/target/lib/*\" org.openjdk.jmh.Main"})
    static final class Jmh implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--help", usageHelp = true, description = "Show this help (JMH's own: -h).")
        boolean help;

        @CommandLine.Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            String[] argv = args.toArray(String[]::new);
            CommandLineOptions options;
            try {
                options = new CommandLineOptions(argv);
            } catch (CommandLineOptionException e) {
                throw new ParameterException(spec.commandLine(), "JMH options: " + e.getMessage());
            }
            if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                    || options.shouldListProfilers() || options.shouldListResultFormats()) {
                // JMH's own main prints these and returns normally
                org.openjdk.jmh.Main.main(argv);
                return ExitCodes.OK;
            }
            try {
                new Runner(options).run();
                return ExitCodes.OK;
            } catch (NoBenchmarksException e) {
                throw new ParameterException(spec.commandLine(), "no benchmark matches " + options.getIncludes()
                        + " (kon bench jmh -l lists them)");
            } catch (RunnerException e) {
                spec.commandLine().getErr().println("kon: JMH failed: " + e.getMessage());
                return ExitCodes.BACKEND;
            }
        }
    }
}
