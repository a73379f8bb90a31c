package dev.kon.cli;

import static dev.kon.cli.AppsBenchStats.fmt;

import dev.kon.apps.video.sample.SampleJobs;
import dev.kon.bench.BenchHarness;
import dev.kon.bench.WorkerProcesses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kon bench apps}: the figures the CloudCal, CloudPic and Animoto issues ask for, on a local cloud. */
@Command(name = "apps", mixinStandardHelpOptions = true,
        description = {"Time the three applications end to end on a local cloud (SQS, DynamoDB, S3 on 127.0.0.1, "
                + "started in this process on free ports and torn down at the end) with real 'kon worker' "
                + "processes of 1 task thread each. Figures, not a pass/fail test.",
            "",
            "cal:     --cal round trips of 20 random integers through kon cal's path after --cal-warmup requests "
                + "(min, median, p90, max, and where the time goes), then 'kon cal' as a whole process, JVM start "
                + "included.",
            "pic:     --pic runs of kon pic's path (upload, enhance task, download) on a --pic-size JPEG drawn "
                + "at quality 0.9.",
            "animoto: --videos jobs of --video-images sample images (1920x1080) made into videos through kon "
                + "animoto's path, on 1 fresh worker process, then on 2; time per job and the speed-up.",
            "",
            "Prints a markdown table per benchmark and writes them to apps.md in bench-results/<timestamp>-apps/ "
                + "(or --out), with the workers' and processes' logs. Took 3 minutes at the defaults on an idle "
                + "2-core machine, most of it in the Animoto jobs and the kon cal warm-up."},
        footer = {"", "Examples:", "  kon bench apps", "  kon bench apps --skip animoto --cal 500",
            "  kon bench apps --cal 5 --pic 1 --videos 2 --video-images 3 --pic-size 800x600"})
public final class AppsBenchCommand implements Callable<Integer> {
    static final String FILE = "apps.md";
    private static final Set<String> BENCHMARKS = Set.of("cal", "pic", "animoto");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cal", paramLabel = "N",
            description = "Measured kon cal round trips (default: ${DEFAULT-VALUE}).")
    int cal = 200;

    @Option(names = "--cal-warmup", paramLabel = "N",
            description = "Unmeasured kon cal round trips first, so the worker, the client and the local cloud "
                    + "(all JVMs here) have compiled their paths (default: ${DEFAULT-VALUE}).")
    int calWarmup = 3000;

    @Option(names = "--cal-processes", paramLabel = "N",
            description = "Runs of 'kon cal' (and of 'kon --version') as whole processes (default: ${DEFAULT-VALUE}).")
    int calProcesses = 5;

    @Option(names = "--pic", paramLabel = "N", description = "Measured kon pic runs (default: ${DEFAULT-VALUE}).")
    int pic = 5;

    @Option(names = "--pic-size", paramLabel = "WxH",
            description = "Size of the JPEG for kon pic (default: ${DEFAULT-VALUE}, 12 megapixels).")
    String picSize = "4000x3000";

    @Option(names = "--videos", paramLabel = "N",
            description = "Animoto jobs, run on 1 and then on 2 workers (default: ${DEFAULT-VALUE}).")
    int videos = 16;

    @Option(names = "--video-images", paramLabel = "N",
            description = "Images per Animoto job (default: ${DEFAULT-VALUE}, a one-minute video).")
    int videoImages = SampleJobs.SEED_IMAGES_PER_JOB;

    @Option(names = "--skip", split = ",", paramLabel = "NAME[,NAME...]", hideParamSyntax = true,
            description = "Benchmarks to leave out: cal, pic, animoto.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for apps.md and the logs (default: bench-results/<timestamp>-apps).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int[] picWh = checkOptions();
        PrintWriter log = spec.commandLine().getOut();
        Path dir = out != null ? out : BenchHarness.DEFAULT_ROOT.resolve(LocalDateTime.now().format(STAMP) + "-apps");
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        String header = header();
        Files.writeString(file, header, StandardCharsets.UTF_8);
        log.print(header);
        log.flush();
        int failures = 0;
        log.println("starting a local cloud");
        try (AppsBenchCloud cloud = AppsBenchCloud.start()) {
            log.printf("local cloud up in %s s, provisioned%n", fmt(cloud.startTime().toMillis() / 1e3, 1));
            if (!skip.contains("cal") || !skip.contains("pic")) {
                log.println("starting 1 worker process for cal and pic");
                try (WorkerProcesses worker = cloud.startWorkers(1, dir.resolve("workers"), "calpic")) {
                    if (!skip.contains("cal")) {
                        failures += write(file, log, new AppsBenchCal(cloud, dir.resolve("cal"), log)
                                .run(calWarmup, cal, calProcesses));
                    }
                    if (!skip.contains("pic")) {
                        failures += write(file, log, new AppsBenchPic(cloud, dir.resolve("pic"), log)
                                .run(pic, picWh[0], picWh[1]));
                    }
                }
            }
            if (!skip.contains("animoto")) {
                failures += write(file, log, new AppsBenchAnimoto(cloud, dir.resolve("animoto"), log)
                        .run(videos, videoImages));
            }
            // The workers are stopped by now (each try above closed its own), so teardown leaves no long poll
            // waiting on a deleted queue.
            log.println("tearing down the local cloud");
        }
        String footer = String.format("%nLoad average (1 min) at the end: %s.%n",
                fmt(AppsBenchCloud.loadAverage(), 2));
        Files.writeString(file, footer, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.print(footer);
        log.printf("written: %s%n", file);
        log.flush();
        return failures == 0 ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }

    /** Checks every option before anything starts; answers the pic size as {width, height}. */
    private int[] checkOptions() {
        for (String s : skip) {
            if (!BENCHMARKS.contains(s)) {
                throw bad("--skip takes cal, pic and animoto, was '" + s + "'");
            }
        }
        positive("--cal", cal);
        if (calWarmup < 0) {
            throw bad("--cal-warmup must be >= 0, was " + calWarmup);
        }
        positive("--cal-processes", calProcesses);
        positive("--pic", pic);
        positive("--videos", videos);
        positive("--video-images", videoImages);
        if (videos > 1000) {
            throw bad("--videos must be 1..1000, was " + videos);
        }
        String[] wh = picSize.toLowerCase(Locale.ROOT).split("x");
        try {
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            if (wh.length != 2 || w < 16 || h < 16 || (long) w * h > 50_000_000L) {
                throw new NumberFormatException();
            }
            return new int[] {w, h};
        } catch (RuntimeException e) {
            throw bad("--pic-size must be WIDTHxHEIGHT, each at least 16 pixels, at most 50 megapixels, was '"
                    + picSize + "'");
        }
    }

    private void positive(String option, int value) {
        if (value < 1) {
            throw bad(option + " must be >= 1, was " + value);
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String header() {
        return String.format("# kon bench apps%n%n- when: %s%n- machine: %d cores as Java sees them, Java %s, load "
                + "average (1 min) at the start %s%n- the local cloud (ElasticMQ, DynamoDB Local, an S3 server) "
                + "runs in the benchmark's JVM on 127.0.0.1 and shares the machine with the workers%n%n",
                LocalDateTime.now().format(WHEN), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), fmt(AppsBenchCloud.loadAverage(), 2));
    }

    /** Appends a section to the file (so a later failure keeps it) and prints it; answers its failures. */
    private static int write(Path file, PrintWriter log, AppsBenchSection section) throws IOException {
        Files.writeString(file, section.markdown() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.println();
        log.print(section.markdown());
        log.println();
        log.flush();
        return section.failures();
    }
}
