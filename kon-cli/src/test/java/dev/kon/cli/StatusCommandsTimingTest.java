package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.runs.RunState;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import dev.kon.workers.WorkerStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code kon runs}, {@code kon status} and {@code kon workers} cost with 1,000 runs and 16 workers on the local
 * cloud: each command run in this JVM as the command line would (new clients each time, output rendered), and in
 * a fresh JVM against a fresh JVM that only prints its version. Prints the figures; asserts the 300 ms budget on
 * the in-JVM medians, which are what the commands themselves do once the JVM is up.
 */
@Tag("slow")
class StatusCommandsTimingTest {
    private static final int RUNS = 1000;
    private static final int WORKERS = 16;
    private static final int REPEATS = 11;

    @TempDir
    Path dir;

    @Test
    void runsStatusAndWorkers_withAThousandRunsAndSixteenWorkers_eachTakeWellUnder300msOnceTheJvmIsUp()
            throws Exception {
        CloudNames names = CloudNames.defaults();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients setup = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(setup, names).provision();
            var backend = AwsBackends.create(setup, names, Clock.systemUTC());
            String watched = fill(backend.runs(), backend.workers());
            String endpoint = cloud.endpoints().dynamodb().toString();
            String[] where = {"--endpoint", endpoint, "--region", cloud.region()};
            // The commands take credentials from the SDK's default chain; system properties come first in it.
            System.setProperty("aws.accessKeyId", cloud.accessKey());
            System.setProperty("aws.secretAccessKey", cloud.secretKey());
            try {
                report("kon runs", () -> new RunsCommand(), cat(new String[] {"runs"}, where), 21, true);
                report("kon runs -o json", () -> new RunsCommand(), cat(new String[] {"runs", "-o", "json"}, where),
                        1, true);
                report("kon status", () -> new StatusCommand(), cat(new String[] {"status", watched}, where), 3,
                        true);
                report("kon workers", () -> new WorkersCommand(), cat(new String[] {"workers"}, where),
                        WORKERS + 1, true);
                // Not under the budget: every one of the 1,000 records read and printed, for the figure only.
                report("kon runs --all", () -> new RunsCommand(), cat(new String[] {"runs", "--all"}, where),
                        RUNS + 1, false);
                long[] query = IntStream.range(0, REPEATS).mapToLong(i -> {
                    long t = System.nanoTime();
                    assertThat(backend.runs().recent(RunsCommand.ALL)).hasSize(RUNS);
                    return (System.nanoTime() - t) / 1_000_000;
                }).sorted().toArray();
                System.out.printf(Locale.ROOT, "%-18s the query alone: median %d ms (min %d, max %d)%n",
                        "kon runs --all", query[REPEATS / 2], query[0], query[REPEATS - 1]);
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
            freshJvm(cloud, watched);
        }
    }

    /** 1,000 runs through the run registry's port, newest last; 16 workers, each holding the newest run. */
    private static String fill(RunRegistry runs, WorkerRegistry workers) {
        // a minute apart: all within the 7-day retention, so --all lists every one
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(RUNS + 1));
        String newest = null;
        for (int i = 0; i < RUNS; i++) {
            Instant at = start.plus(Duration.ofMinutes(i));
            String id = String.format(Locale.ROOT, "timing%05d", i);
            runs.register(new RunRecord(id, at, "host-1/4242", "work-" + i + ".txt", "kon-tasks", 10_000, 10_000,
                    100, 10_000, i % 3 == 0 ? RunState.RUNNING : RunState.DONE, 7_000 + i, i % 7, at.plusSeconds(30)));
            newest = id;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < WORKERS; i++) {
            workers.heartbeat(new WorkerRecord("host-" + i + "/100" + i + "/abcd", "host-" + i, 1000 + i, "0.1.0", 8,
                    "kon-tasks", now.minusSeconds(3600), 10_000L * i, 50.5, List.of(newest), WorkerStatus.RUNNING,
                    now));
        }
        return newest;
    }

    /** Runs the command {@value #REPEATS} times in this JVM, prints first and median, asserts the budget if asked. */
    private static void report(String what, Supplier<Callable<Integer>> command, String[] argv, int minLines,
            boolean budget) {
        String[] args = Arrays.copyOfRange(argv, 1, argv.length);
        long[] ms = new long[REPEATS];
        PrintStream out = System.out;
        for (int i = 0; i < REPEATS; i++) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit;
            long t = System.nanoTime();
            try {
                // an exception is the test's failure, not picocli's exit code 1 (which kon status also gives for failures)
                exit = new CommandLine(command.get()).registerConverter(Duration.class, new DurationConverter())
                        .setExecutionExceptionHandler((e, cl, parsed) -> {
                    throw e;
                }).execute(args);
            } finally {
                ms[i] = (System.nanoTime() - t) / 1_000_000;
                System.setOut(out);
            }
            assertThat(exit).as(what).isIn(0, 1);
            assertThat(captured.toString(StandardCharsets.UTF_8).lines()).as(what).hasSizeGreaterThanOrEqualTo(
                    minLines);
        }
        long first = ms[0];
        long[] rest = Arrays.stream(ms, 1, REPEATS).sorted().toArray();
        long median = rest[rest.length / 2];
        out.printf(Locale.ROOT, "%-18s first in this JVM %4d ms, then median %3d ms (min %d, max %d) over %d runs%n",
                what, first, median, rest[0], rest[rest.length - 1], rest.length);
        if (budget) {
            assertThat(Duration.ofMillis(median)).as(what).isLessThan(Duration.ofMillis(300));
        }
    }

    /** Wall time of each command in a fresh JVM, beside a fresh JVM that prints its version: medians of 3. */
    private void freshJvm(LocalCloud cloud, String watched) throws Exception {
        long version = wall(cloud, "--version");
        for (String[] args : List.of(new String[] {"runs"}, new String[] {"status", watched},
                new String[] {"workers"})) {
            long ms = wall(cloud, args);
            System.out.printf(Locale.ROOT, "fresh JVM: kon %-8s %4d ms wall, kon --version %4d ms: %4d ms more%n",
                    args[0], ms, version, ms - version);
        }
    }

    private int launched;

    private long wall(LocalCloud cloud, String... args) throws Exception {
        long[] ms = new long[3];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            KonProcess p = KonProcess.start(dir, "timing-" + ++launched, cloud.environment(), args);
            assertThat(p.waitFor(60)).as(p.stderr()).isIn(0, 1);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms[1];
    }

    private static String[] cat(String[] a, String[] b) {
        return IntStream.range(0, a.length + b.length).mapToObj(i -> i < a.length ? a[i] : b[i - a.length])
                .toArray(String[]::new);
    }
}
