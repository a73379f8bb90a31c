package dev.kon.cli;

import dev.kon.Backend;
import dev.kon.apps.video.sample.SampleJobs;
import dev.kon.bench.apps.AppsBench;
import dev.kon.bench.apps.AppsPlan;
import dev.kon.bench.apps.AppsPlan.App;
import dev.kon.bench.apps.CommandSteps;
import dev.kon.client.RequestSession;
import dev.kon.client.RunListener;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.task.UserText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kon bench apps}: the figures the CloudCal, CloudPic and Animoto issues ask for, on a local cloud. Checks the
 * options and runs {@link AppsBench} with this command's own request steps ({@link Requests}, PicCommand's check),
 * so the benchmark times the code {@code kon cal}, {@code kon pic} and {@code kon animoto} run.
 */
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
    private static final Set<String> BENCHMARKS = Set.of("cal", "pic", "animoto");

    /** The steps of kon cal, kon pic and kon animoto, as those commands take them. */
    static final CommandSteps STEPS = new CommandSteps() {
        @Override
        public Map<Long, TaskResult> send(RequestSession session, List<Task> tasks, Duration timeout,
                RunListener listener) throws InterruptedException {
            return Requests.send(session, tasks, timeout, listener);
        }

        @Override
        public Map<Long, TaskResult> send(Backend backend, String queue, List<Task> tasks, Duration timeout,
                RunListener listener) throws InterruptedException {
            return Requests.send(backend, queue, tasks, timeout, listener);
        }

        @Override
        public String checkImage(Path image) throws IOException {
            return PicCommand.checkImage(image);
        }
    };

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
        AppsPlan plan = checkOptions();
        Path dir = out != null ? out : AppsBench.defaultOutDir();
        int failures = new AppsBench(STEPS, spec.commandLine().getOut()).run(plan, dir);
        return failures == 0 ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }

    /** Checks every option before anything starts; answers the plan they make. */
    private AppsPlan checkOptions() {
        for (String s : skip) {
            if (!BENCHMARKS.contains(s)) {
                throw bad("--skip takes cal, pic and animoto, was '" + UserText.excerpt(s) + "'");
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
        int w;
        int h;
        try {
            w = Integer.parseInt(wh[0]);
            h = Integer.parseInt(wh[1]);
            if (wh.length != 2 || w < 16 || h < 16 || (long) w * h > 50_000_000L) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            throw bad("--pic-size must be WIDTHxHEIGHT, each at least 16 pixels, at most 50 megapixels, was '"
                    + UserText.excerpt(picSize) + "'");
        }
        Set<App> run = EnumSet.allOf(App.class);
        skip.forEach(name -> run.remove(App.valueOf(name.toUpperCase(Locale.ROOT))));
        return new AppsPlan(run, calWarmup, cal, calProcesses, pic, w, h, videos, videoImages);
    }

    private void positive(String option, int value) {
        if (value < 1) {
            throw bad(option + " must be >= 1, was " + value);
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
