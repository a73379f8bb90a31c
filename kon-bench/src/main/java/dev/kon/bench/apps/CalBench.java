package dev.kon.bench.apps;

import dev.kon.apps.stats.StatsAnswer;
import dev.kon.apps.stats.StatsRequest;
import dev.kon.client.RequestSession;
import dev.kon.client.RunListener;
import dev.kon.client.RunSpec;
import dev.kon.queue.QueueSpec;
import dev.kon.task.Task;
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
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * CloudCal: {@code kon cal} round trips with a warm worker. The figure compared with the target is a round trip on
 * an open {@link RequestSession} (warm clients, the reply queue made once): a {@code stats} task of 20 random
 * integers through {@link CommandSteps#sendOne} as {@code kon cal} sends it (parsing the numbers, reading the answer),
 * one request at a time after a warm-up. Beside it, what a one-shot request costs, as one {@code kon cal} process
 * makes it after its JVM has started: fresh clients, a session opened, the round trip, the session and clients
 * closed, each step timed. Then a traced pass times the phases of the round trip on the open session, queue create
 * and delete are timed alone, and {@code kon cal} runs as a whole process to show what starting a JVM adds.
 *
 * <p>Why one session and not a client per request, beyond speed: a long-lived SDK client that created and deleted a
 * reply queue per request, with long polls on it, failed after some tens of requests on ElasticMQ ("The target
 * server failed to respond"); a session makes one queue and stops its receiver before deleting it.
 */
final class CalBench {
    static final int NUMBERS = 20;
    /** Traced requests at most: enough for a stable median of each phase. */
    static final int TRACED = 20;
    /** Scratch queues created and deleted to time those two calls alone. */
    static final int QUEUE_CALLS = 20;
    /** {@code kon cal}'s default wait. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long PROCESS_TIMEOUT_SECONDS = 120;
    private static final int PROGRESS_EVERY = 50;
    private static final String[] CALL_PHASES = {"parse the numbers, find and check the handler",
        "send the task (one SendMessageBatch, on the calling thread)",
        "task on the queue until the handler starts (worker receives, claims in the ledger)",
        "handler (statistics, log to the bucket)",
        "handler end until the call has the result (reply sent, received by the session's receiver)",
        "read the answer", "whole request"};
    private static final String[] ONE_SHOT_PHASES = {"open the clients (CloudContext.open)",
        "open the session (find the task queue, create the reply queue, start the receiver)",
        "round trip (as on an open session)", "close the session (stop the receiver, delete the reply queue)",
        "close the clients", "whole one-shot request"};

    private final AppsCloud cloud;
    private final CommandSteps steps;
    private final Path dir;
    private final PrintWriter log;
    private final Clock clock = Clock.systemUTC();
    private final Random random = new Random(20);
    private int failures;

    CalBench(AppsCloud cloud, CommandSteps steps, Path dir, PrintWriter log) {
        this.cloud = cloud;
        this.steps = steps;
        this.dir = dir;
        this.log = log;
    }

    Section run(int warmup, int requests, int processRuns) throws InterruptedException, IOException {
        List<Double> warm = new ArrayList<>(requests);
        List<double[]> callPhases = new ArrayList<>();
        try (AppsCloud.Session clients = cloud.openSession();
                RequestSession session = RequestSession.open(clients.backend, AppsCloud.NAMES.taskQueue())) {
            log.printf("cal: %d warm-up requests on one session, then %d measured%n", warmup, requests);
            for (int i = 0; i < warmup; i++) {
                roundTrip(session, numbers());
            }
            failures = 0;
            for (int i = 0; i < requests; i++) {
                addIfDone(warm, roundTrip(session, numbers()));
                progress("on the session", i, requests);
            }
            int traced = Math.min(requests, TRACED);
            log.printf("cal: %d traced requests on the session (phases)%n", traced);
            for (int i = 0; i < traced; i++) {
                double[] p = traced(session, numbers());
                if (p != null) {
                    callPhases.add(p);
                }
            }
        }
        log.printf("cal: %d one-shot requests (clients and a session each, as a kon cal process)%n", requests);
        List<double[]> oneShots = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            double[] p = oneShot(numbers());
            if (p != null) {
                oneShots.add(p);
            }
            progress("one-shot", i, requests);
        }
        log.printf("cal: %d scratch queues created and deleted%n", QUEUE_CALLS);
        List<Double> creates = new ArrayList<>();
        List<Double> deletes = new ArrayList<>();
        queueCalls(creates, deletes);
        log.printf("cal: %d runs each of 'kon --version' and 'kon cal' as processes%n", processRuns);
        List<Double> version = new ArrayList<>();
        List<Double> cal = new ArrayList<>();
        for (int i = 0; i < processRuns; i++) {
            addIfDone(version, process(List.of("--version"), "version-" + (i + 1)));
            List<String> args = new ArrayList<>(List.of("cal", "--queue", AppsCloud.NAMES.taskQueue(),
                    "--table", AppsCloud.NAMES.ledgerTable(), "--bucket", AppsCloud.NAMES.bucket()));
            args.addAll(List.of(numbers().split(" ")));
            addIfDone(cal, process(args, "cal-" + (i + 1)));
        }
        StringBuilder md = new StringBuilder();
        CalReport.render(md, warmup, requests, warm, column(oneShots, ONE_SHOT_PHASES.length - 1),
                version, cal);
        CalReport.phases(md, String.format("Where a round trip on the open session goes: %d traced "
                + "requests through the command's send, with a timestamp at each step; the worker's steps are from "
                + "its own timestamps (whole ms, so the phases next to the handler are +/-1 ms).", callPhases.size()),
                CALL_PHASES, callPhases);
        CalReport.phases(md, String.format("What a one-shot request adds: the %d one-shot requests above, "
                + "step by step.", oneShots.size()), ONE_SHOT_PHASES, oneShots);
        CalReport.queueCalls(md, creates, deletes);
        md.append(String.format("Failed requests and processes: %d.%n", failures));
        return new Section(md.toString(), failures);
    }

    private void progress(String what, int i, int requests) {
        if ((i + 1) % PROGRESS_EVERY == 0 && i + 1 < requests) {
            log.printf("cal: %s %d of %d%n", what, i + 1, requests);
        }
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
     * What {@code kon cal} does between reading its input and printing (CalCommand.call), on an open session: parse,
     * check, send, wait, read the answer. Answers the time in ms, or NaN (and a failure).
     */
    private double roundTrip(RequestSession session, String text) throws InterruptedException {
        long t0 = System.nanoTime();
        StatsRequest request = StatsRequest.parse(text);
        TaskResult r = steps.sendOne(session, new Task(1, "stats", request.toArgs()), TIMEOUT);
        if (!answered(r)) {
            return Double.NaN;
        }
        StatsAnswer.parse(r.output()).toText();
        return (System.nanoTime() - t0) / 1e6;
    }

    private boolean answered(TaskResult r) {
        if (r == null || !r.succeeded()) {
            failures++;
            log.println("cal: request failed: " + (r == null ? "no answer within " + TIMEOUT.toSeconds() + "s"
                    : r.output()));
            return false;
        }
        return true;
    }

    /**
     * A request as one {@code kon cal} process makes it once its JVM runs: its own clients and session around one
     * round trip. Answers the steps of {@link #ONE_SHOT_PHASES} in ms, or null.
     */
    private double[] oneShot(String text) throws InterruptedException {
        long t0 = System.nanoTime();
        long t1;
        long t2;
        long t3;
        long t4;
        double trip;
        AppsCloud.Session clients = cloud.openSession();
        try {
            t1 = System.nanoTime();
            RequestSession session = RequestSession.open(clients.backend, AppsCloud.NAMES.taskQueue());
            try {
                t2 = System.nanoTime();
                trip = roundTrip(session, text);
                t3 = System.nanoTime();
            } finally {
                session.close();
            }
            t4 = System.nanoTime();
        } finally {
            clients.close();
        }
        long t5 = System.nanoTime();
        if (Double.isNaN(trip)) {
            return null;
        }
        return new double[] {ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(t5 - t0)};
    }

    /**
     * A round trip on the open session with a timestamp at each step: the run's start and its tasks sent, as the
     * session tells its listener; the worker's own timestamps (epoch ms, same machine) mark its handler. Answers
     * the steps of {@link #CALL_PHASES} in ms, or null.
     */
    private double[] traced(RequestSession session, String text) throws InterruptedException {
        double[] at = new double[3];
        double t0 = micros();
        StatsRequest request = StatsRequest.parse(text);
        Task task = new Task(1, "stats", request.toArgs());
        // The task is checked inside send, before the run starts: that start ends the first phase.
        Map<Long, TaskResult> results = steps.send(session, List.of(task), TIMEOUT, new RunListener() {
            @Override
            public void started(RunSpec spec, long tasks) {
                at[0] = micros();
            }

            @Override
            public void submitted(long tasks) {
                at[1] = micros();
            }
        });
        at[2] = micros();
        TaskResult r = results.get(task.id());
        if (!answered(r)) {
            return null;
        }
        StatsAnswer.parse(r.output()).toText();
        double end = micros();
        double start = r.startMs() * 1000.0;
        double stop = r.endMs() * 1000.0;
        double[] us = {at[0] - t0, at[1] - at[0], start - at[1], stop - start, at[2] - stop, end - at[2], end - t0};
        for (int i = 0; i < us.length; i++) {
            us[i] /= 1000;
        }
        return us;
    }

    /** Creates and deletes scratch queues that nobody polls: the two queue calls of a one-shot session, alone. */
    private void queueCalls(List<Double> creates, List<Double> deletes) {
        try (AppsCloud.Session session = cloud.openSession()) {
            for (int i = 0; i < QUEUE_CALLS; i++) {
                String name = "kon-bench-scratch-" + i;
                long t0 = System.nanoTime();
                session.backend.queues().create(QueueSpec.of(name));
                long t1 = System.nanoTime();
                session.backend.queues().delete(name);
                long t2 = System.nanoTime();
                creates.add(ms(t1 - t0));
                deletes.add(ms(t2 - t1));
            }
        }
    }

    private double micros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1e6 + now.getNano() / 1e3;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static List<Double> column(List<double[]> rows, int index) {
        List<Double> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(r[index]));
        return out;
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
        double ms = ms(System.nanoTime() - t0);
        if (p.exitValue() != 0) {
            failures++;
            log.printf("cal: kon %s exited with %d; see %s%n", args.get(0), p.exitValue(), logs.resolve(name + ".err"));
            return Double.NaN;
        }
        return ms;
    }
}
