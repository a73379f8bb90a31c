package dev.kon.bench.apps;

import static dev.kon.bench.apps.Samples.fmt;

import dev.kon.bench.BenchHarness;
import dev.kon.bench.WorkerProcesses;
import dev.kon.bench.apps.AppsPlan.App;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code kon bench apps}: the figures the CloudCal, CloudPic and Animoto issues ask for, on a local cloud started in
 * this JVM with real {@code kon worker} processes of one task thread each. Writes one markdown section per
 * benchmark to {@value #FILE} as soon as it is measured (a later failure keeps it) and prints it.
 *
 * <p>Not thread-safe: one run at a time. A benchmark's failed requests are counted, not thrown; a local cloud that
 * does not start, or a worker that does not get ready, ends the run with an exception.
 */
public final class AppsBench {
    /** The report's file name in the output folder. */
    public static final String FILE = "apps.md";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final CommandSteps steps;
    private final PrintWriter log;

    /**
     * @param steps the commands' own steps, which the benchmarks time
     * @param log   progress lines and the sections, as they come
     */
    public AppsBench(CommandSteps steps, PrintWriter log) {
        this.steps = Objects.requireNonNull(steps, "steps");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A fresh {@code bench-results/<yyyyMMdd-HHmmss>-apps} folder name. */
    public static Path defaultOutDir() {
        return BenchHarness.DEFAULT_ROOT.resolve(LocalDateTime.now().format(STAMP) + "-apps");
    }

    /**
     * Runs the plan's benchmarks; writes {@value #FILE} and the workers' and processes' logs into {@code dir}
     * (created if missing).
     *
     * @return requests and processes that failed, and so are missing from the figures
     */
    public int run(AppsPlan plan, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        String header = header();
        Files.writeString(file, header, StandardCharsets.UTF_8);
        log.print(header);
        log.flush();
        int failures = 0;
        log.println("starting a local cloud");
        try (AppsCloud cloud = AppsCloud.start()) {
            log.printf("local cloud up in %s s, provisioned%n", fmt(cloud.startTime().toMillis() / 1e3, 1));
            if (plan.runs(App.CAL) || plan.runs(App.PIC)) {
                log.println("starting 1 worker process for cal and pic");
                try (WorkerProcesses worker = cloud.startWorkers(1, dir.resolve("workers"), "calpic")) {
                    if (plan.runs(App.CAL)) {
                        failures += write(file, new CalBench(cloud, steps, dir.resolve("cal"), log)
                                .run(plan.calWarmup(), plan.cal(), plan.calProcesses()));
                    }
                    if (plan.runs(App.PIC)) {
                        failures += write(file, new PicBench(cloud, steps, dir.resolve("pic"), log)
                                .run(plan.pic(), plan.picWidth(), plan.picHeight()));
                    }
                }
            }
            if (plan.runs(App.ANIMOTO)) {
                failures += write(file, new AnimotoBench(cloud, steps, dir.resolve("animoto"), log)
                        .run(plan.videos(), plan.videoImages()));
            }
            // The workers are stopped by now (each try above closed its own), so teardown leaves no long poll
            // waiting on a deleted queue.
            log.println("tearing down the local cloud");
        }
        String footer = String.format("%nLoad average (1 min) at the end: %s.%n", fmt(AppsCloud.loadAverage(), 2));
        Files.writeString(file, footer, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.print(footer);
        log.printf("written: %s%n", file);
        log.flush();
        return failures;
    }

    private static String header() {
        return String.format("# kon bench apps%n%n- when: %s%n- machine: %d cores as Java sees them, Java %s, load "
                + "average (1 min) at the start %s%n- the local cloud (ElasticMQ, DynamoDB Local, an S3 server) "
                + "runs in the benchmark's JVM on 127.0.0.1 and shares the machine with the workers%n%n",
                LocalDateTime.now().format(WHEN), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), fmt(AppsCloud.loadAverage(), 2));
    }

    /** Appends a section to the file (so a later failure keeps it) and prints it; answers its failures. */
    private int write(Path file, Section section) throws IOException {
        Files.writeString(file, section.markdown() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.println();
        log.print(section.markdown());
        log.println();
        log.flush();
        return section.failures();
    }
}
