package dev.kon.cli;

import static dev.kon.cli.AppsBenchStats.fmt;

import dev.kon.Backend;
import dev.kon.apps.stats.StatsAnswer;
import dev.kon.apps.stats.StatsRequest;
import dev.kon.client.RunClient;
import dev.kon.client.RunListener;
import dev.kon.client.RunRequest;
import dev.kon.client.RunSpec;
import dev.kon.queue.QueueSpec;
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
 * {@code stats} task of 20 random integers as {@code kon cal} sends it (parsing the numbers, reading the answer),
 * one request at a time after a warm-up; each request opens its own clients, as {@code kon cal} does, and that is
 * timed apart. Then a traced pass times the phases of the same calls, and {@code kon cal} runs as a whole process
 * to show what starting a JVM adds.
 *
 * <p>Why a session per request, beyond fidelity: RunClient deletes the reply queue while the collector's idle
 * receivers still long-poll it; ElasticMQ drops those connections, the SDK retries, and after some tens of requests
 * on one client its retry quota is spent and a call fails outright ("The target server failed to respond").
 */
final class AppsBenchCal {
    static final int NUMBERS = 20;
    /** Traced requests at most: enough for a stable median of each phase. */
    static final int TRACED = 20;
    /** Scratch queues created and deleted to time those two calls alone. */
    static final int QUEUE_CALLS = 20;
    /** {@code kon cal}'s default wait. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long PROCESS_TIMEOUT_SECONDS = 120;
    private static final int PROGRESS_EVERY = 50;
    private static final String[] PHASES = {"open the clients (CloudContext.open)",
        "parse the numbers, find and check the handler", "create the reply queue",
        "start the receivers, send the task",
        "task on the queue until the handler starts (worker receives, claims in the ledger)",
        "handler (statistics, log to the bucket)",
        "handler end until the client has the result (ledger completion, reply sent and received)",
        "after the result: delete the reply queue, stop the receivers", "close the clients", "whole request"};

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

    AppsBenchSection run(int warmup, int requests, int processRuns) throws InterruptedException, IOException {
        log.printf("cal: %d warm-up requests, then %d measured%n", warmup, requests);
        for (int i = 0; i < warmup; i++) {
            request(numbers(), new double[2]);
        }
        failures = 0;
        List<Double> sendOne = new ArrayList<>(requests);
        List<Double> withClients = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            double[] ms = new double[2];
            if (request(numbers(), ms)) {
                sendOne.add(ms[0]);
                withClients.add(ms[1]);
            }
            if ((i + 1) % PROGRESS_EVERY == 0 && i + 1 < requests) {
                log.printf("cal: %d of %d%n", i + 1, requests);
            }
        }
        int traced = Math.min(requests, TRACED);
        log.printf("cal: %d traced requests (phases), %d scratch queues%n", traced, QUEUE_CALLS);
        List<double[]> phases = new ArrayList<>(traced);
        for (int i = 0; i < traced; i++) {
            double[] p = traced(numbers());
            if (p != null) {
                phases.add(p);
            }
        }
        List<Double> creates = new ArrayList<>();
        List<Double> deletes = new ArrayList<>();
        queueCalls(creates, deletes);
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
        StringBuilder md = new StringBuilder();
        AppsBenchCalReport.render(md, warmup, requests, sendOne, withClients, version, cal);
        AppsBenchCalReport.phases(md, PHASES, phases, creates, deletes);
        md.append(String.format("Failed requests and processes: %d.%n", failures));
        return new AppsBenchSection(md.toString(), failures);
    }

    /** Twenty integers from -1,000,000 to 1,000,000, as a user types them. */
    private String numbers() {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < NUMBERS; i++) {
            j.add(Integer.toString(random.nextInt(2_000_001) - 1_000_000));
        }
        return j.toString();
    }

    /**
     * What {@code kon cal} does between reading its input and printing (CalCommand.call); {@code ms} gets the time
     * of sendOne with parsing and reading the answer, and of all that with opening and closing the clients.
     */
    private boolean request(String text, double[] ms) throws InterruptedException {
        long t0 = System.nanoTime();
        long t1;
        long t2;
        TaskResult r;
        try (AppsBenchCloud.Session session = cloud.openSession()) {
            t1 = System.nanoTime();
            StatsRequest request = StatsRequest.parse(text);
            r = Requests.sendOne(session.backend, AppsBenchCloud.NAMES.taskQueue(),
                    new Task(1, "stats", request.toArgs()), TIMEOUT);
            if (r != null && r.succeeded()) {
                StatsAnswer.parse(r.output()).toText();
            }
            t2 = System.nanoTime();
        }
        long t3 = System.nanoTime();
        if (r == null || !r.succeeded()) {
            failures++;
            log.println("cal: request failed: " + (r == null ? "no answer within " + TIMEOUT.toSeconds() + "s"
                    : r.output()));
            return false;
        }
        ms[0] = (t2 - t1) / 1e6;
        ms[1] = (t3 - t0) / 1e6;
        return true;
    }

    /**
     * The calls of {@link Requests#send} (check, then {@link RunClient#run}), with a timestamp at each step; the
     * worker's own timestamps (epoch ms, same machine) mark its handler. Answers the phases in µs, or null.
     */
    private double[] traced(String text) throws InterruptedException {
        double[] at = new double[6];
        TaskResult[] result = new TaskResult[1];
        double t0 = micros();
        AppsBenchCloud.Session session = cloud.openSession();
        try {
            Backend backend = session.backend;
            at[0] = micros();
            StatsRequest request = StatsRequest.parse(text);
            Task task = new Task(1, "stats", request.toArgs());
            String problem = TaskHandlers.discover().find(task.type()).orElseThrow().validate(task.args());
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            at[1] = micros();
            RunRequest req = new RunRequest(AppsBenchCloud.NAMES.taskQueue(), List.of(task)::iterator, 1, -1, 0, 1,
                    Duration.ZERO, TIMEOUT);
            new RunClient(backend).run(RunSpec.newRunId(), req, r -> {
                at[4] = micros();
                result[0] = r;
            }, b -> { }, new RunListener() {
                    @Override
                    public void started(RunSpec spec, long tasks) {
                        at[2] = micros();
                    }

                    @Override
                    public void submitted(long tasks) {
                        at[3] = micros();
                    }
                });
            at[5] = micros();
        } finally {
            session.close();
        }
        double end = micros();
        TaskResult r = result[0];
        if (r == null || !r.succeeded()) {
            failures++;
            return null;
        }
        double start = r.startMs() * 1000.0;
        double stop = r.endMs() * 1000.0;
        return new double[] {at[0] - t0, at[1] - at[0], at[2] - at[1], at[3] - at[2], start - at[3], stop - start,
            at[4] - stop, at[5] - at[4], end - at[5], end - t0};
    }

    /** Creates and deletes scratch queues that nobody polls: the two queue calls of a request, alone. */
    private void queueCalls(List<Double> creates, List<Double> deletes) {
        try (AppsBenchCloud.Session session = cloud.openSession()) {
            for (int i = 0; i < QUEUE_CALLS; i++) {
                String name = "kon-bench-scratch-" + i;
                long t0 = System.nanoTime();
                session.backend.queues().create(QueueSpec.of(name));
                long t1 = System.nanoTime();
                session.backend.queues().delete(name);
                long t2 = System.nanoTime();
                creates.add((t1 - t0) / 1e6);
                deletes.add((t2 - t1) / 1e6);
            }
        }
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
}
