package dev.kon.cli;

import static dev.kon.cli.AppsBenchStats.fmt;

import dev.kon.apps.stats.StatsAnswer;
import dev.kon.apps.stats.StatsRequest;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.task.Task;
import dev.kon.task.TaskHandlers;
import dev.kon.task.TaskResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * CloudCal: {@code kon cal} round trips with a warm worker. The figure is {@link Requests#sendOne} of a
 * {@code stats} task of 20 random integers, as {@code kon cal} sends it (parsing the numbers, reading the answer),
 * one request at a time on one open client, after a warm-up. Then a traced pass times the phases of the same
 * calls, and {@code kon cal} runs as a whole process to show what starting a JVM adds.
 */
final class AppsBenchCal {
    static final int WARMUP = 20;
    static final int NUMBERS = 20;
    /** Traced requests at most: enough for a stable median of each phase. */
    static final int TRACED = 50;
    /** {@code kon cal}'s default wait. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long PROCESS_TIMEOUT_SECONDS = 120;

    private final AppsBenchCloud cloud;
    private final Path dir;
    private final PrintWriter log;
    private final Clock clock = Clock.systemUTC();
    private final Random random = new Random(20);
    private int failures;

    AppsBenchCal(AppsBenchCloud cloud, Path dir, PrintWriter log) {
        this.cloud = cloud;
        this.dir = dir;
        this.log = log;
    }

    AppsBenchSection run(int requests, int processRuns) throws InterruptedException, IOException {
        log.printf("cal: %d warm-up requests, then %d measured%n", WARMUP, requests);
        for (int i = 0; i < WARMUP; i++) {
            request(numbers());
        }
        failures = 0;
        List<Double> roundTrips = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            String text = numbers();
            long t0 = System.nanoTime();
            if (request(text)) {
                roundTrips.add((System.nanoTime() - t0) / 1e6);
            }
        }
        int traced = Math.min(requests, TRACED);
        log.printf("cal: %d traced requests (phases)%n", traced);
        List<double[]> phases = new ArrayList<>(traced);
        for (int i = 0; i < traced; i++) {
            double[] p = traced(numbers());
            if (p != null) {
                phases.add(p);
            }
        }
        log.printf("cal: %d runs each of 'kon --version' and 'kon cal' as processes%n", processRuns);
        List<Double> version = new ArrayList<>();
        List<Double> cal = new ArrayList<>();
        for (int i = 0; i < processRuns; i++) {
            addIfDone(version, process(List.of("--version"), "version-" + (i + 1)));
            List<String> args = new ArrayList<>(List.of("cal", "--queue", AppsBenchCloud.NAMES.taskQueue(),
                    "--table", AppsBenchCloud.NAMES.ledgerTable(), "--bucket", AppsBenchCloud.NAMES.bucket()));
            args.addAll(List.of(numbers().split(" ")));
            addIfDone(cal, process(args, "cal-" + (i + 1)));
        }
        return new AppsBenchSection(render(requests, roundTrips, phases, version, cal), failures);
    }

    /** Twenty integers from -1,000,000 to 1,000,000, as a user types them. */
    private String numbers() {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < NUMBERS; i++) {
            j.add(Integer.toString(random.nextInt(2_000_001) - 1_000_000));
        }
        return j.toString();
    }

    /** What {@code kon cal} does between reading its input and printing (CalCommand.call). */
    private boolean request(String text) throws InterruptedException {
        StatsRequest request = StatsRequest.parse(text);
        TaskResult r = Requests.sendOne(cloud.backend, AppsBenchCloud.NAMES.taskQueue(),
                new Task(1, "stats", request.toArgs()), TIMEOUT);
        if (r == null || !r.succeeded()) {
            failures++;
            log.println("cal: request failed: " + (r == null ? "no answer within " + TIMEOUT.toSeconds() + "s"
                    : r.output()));
            return false;
        }
        return !StatsAnswer.parse(r.output()).toText().isEmpty();
    }

    /**
     * The calls of {@link Requests#send} (check, then {@link RunClient#run}), with a timestamp at each step; the
     * worker's own timestamps (epoch ms, same machine) mark its handler. Answers the phases in ms, or null.
     */
    private double[] traced(String text) throws InterruptedException {
        double[] at = new double[4];
        TaskResult[] result = new TaskResult[1];
        double t0 = micros();
        StatsRequest request = StatsRequest.parse(text);
        Task task = new Task(1, "stats", request.toArgs());
        String problem = TaskHandlers.discover().find(task.type()).orElseThrow().validate(task.args());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        at[0] = micros();
        RunRequest req = new RunRequest(AppsBenchCloud.NAMES.taskQueue(), List.of(task)::iterator, 1, -1, 0, 1,
                Duration.ZERO, TIMEOUT);
        new RunClient(cloud.backend).run(RunSpec.newRunId(), req, r -> {
            at[3] = micros();
            result[0] = r;
        }, b -> { }, new RunListener() {
                @Override
                public void started(RunSpec spec, long tasks) {
                    at[1] = micros();
                }

                @Override
                public void submitted(long tasks) {
                    at[2] = micros();
                }
            });
        double end = micros();
        TaskResult r = result[0];
        if (r == null || !r.succeeded()) {
            failures++;
            return null;
        }
        double start = r.startMs() * 1000.0;
        double stop = r.endMs() * 1000.0;
        return new double[] {at[0] - t0, at[1] - at[0], at[2] - at[1], start - at[2], stop - start, at[3] - stop,
            end - at[3], end - t0};
    }

    private double micros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1e6 + now.getNano() / 1e3;
    }

    private static void addIfDone(List<Double> samples, double ms) {
        if (!Double.isNaN(ms)) {
            samples.add(ms);
        }
    }

    /** Wall time of one {@code kon} process in ms, from start to exit; NaN (and a failure) if it did not succeed. */
    private double process(List<String> args, String name) throws IOException, InterruptedException {
        Path logs = dir.resolve("processes");
        Files.createDirectories(logs);
        ProcessBuilder pb = new ProcessBuilder(cloud.konCommand(args))
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectError(logs.resolve(name + ".err").toFile());
        pb.environment().putAll(cloud.env());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            failures++;
            log.printf("cal: kon %s did not end within %ds; see %s%n", args.get(0), PROCESS_TIMEOUT_SECONDS,
                    logs.resolve(name + ".err"));
            return Double.NaN;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0) {
            failures++;
            log.printf("cal: kon %s exited with %d; see %s%n", args.get(0), p.exitValue(), logs.resolve(name + ".err"));
            return Double.NaN;
        }
        return ms;
    }

    private String render(int requests, List<Double> roundTrips, List<double[]> phases, List<Double> version,
            List<Double> cal) {
        StringBuilder md = new StringBuilder("## CloudCal: `kon cal` round trip, warm worker\n\n");
        md.append(String.format("%d requests of %d random integers, one at a time, after %d warm-up requests, "
                + "through `Requests.sendOne` as `kon cal` sends them (one open client; no JVM start). One worker "
                + "process, 1 task thread. Times in ms.%n%n", requests, NUMBERS, WARMUP));
        AppsBenchTable t = new AppsBenchTable("measure", "n", "min", "median", "p90", "max");
        if (!roundTrips.isEmpty()) {
            row(t, "round trip (in process)", AppsBenchStats.of(roundTrips), 1);
        }
        if (!version.isEmpty()) {
            row(t, "`kon --version` process (JVM start, no request)", AppsBenchStats.of(version), 0);
        }
        if (!cal.isEmpty()) {
            row(t, "`kon cal` process (JVM start + one request)", AppsBenchStats.of(cal), 0);
        }
        md.append(t).append('\n');
        if (!roundTrips.isEmpty()) {
            double median = AppsBenchStats.of(roundTrips).median();
            md.append(String.format("Target: median under 30 ms. Measured: %s ms (%s).%n%n", fmt(median, 1),
                    median < 30 ? "met" : "not met"));
        }
        if (!phases.isEmpty()) {
            md.append(String.format("Where a round trip goes: %d traced requests, the same calls as "
                    + "`Requests.send` with a timestamp at each step; the worker's steps are from its own "
                    + "timestamps (whole ms, so those phases are +/-1 ms).%n%n", phases.size()));
            String[] names = {"parse the numbers, find and check the handler", "create the reply queue",
                "start the receivers, send the task", "task on the queue until the handler starts (worker "
                    + "receives, claims in the ledger)",
                "handler (statistics, log to the bucket)", "handler end until the client has the result (ledger "
                    + "completion, reply sent and received)",
                "after the result (delete the reply queue, stop the receivers)", "whole request"};
            AppsBenchTable p = new AppsBenchTable("phase", "median ms", "p90 ms");
            for (int i = 0; i < names.length; i++) {
                List<Double> column = new ArrayList<>();
                for (double[] row : phases) {
                    column.add(row[i] / 1000);
                }
                AppsBenchStats s = AppsBenchStats.of(column);
                p.row(names[i], fmt(s.median(), 1), fmt(s.p90(), 1));
            }
            md.append(p).append('\n');
        }
        md.append(String.format("Failed requests and processes: %d.%n", failures));
        return md.toString();
    }

    private static void row(AppsBenchTable t, String what, AppsBenchStats s, int decimals) {
        t.row(what, Integer.toString(s.count()), fmt(s.min(), decimals), fmt(s.median(), decimals),
                fmt(s.p90(), decimals), fmt(s.max(), decimals));
    }
}
