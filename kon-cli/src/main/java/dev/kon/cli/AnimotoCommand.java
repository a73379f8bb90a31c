package dev.kon.cli;

import dev.kon.apps.video.JobFileException;
import dev.kon.apps.video.VideoJob;
import dev.kon.apps.video.VideoJobReader;
import dev.kon.apps.video.sample.SampleImageServer;
import dev.kon.apps.video.sample.SampleJobs;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.view.VideoJson;
import dev.kon.view.VideoResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon animoto}: images to one-minute videos on the workers, stored in the bucket, a time-limited URL back. */
@Command(name = "animoto", mixinStandardHelpOptions = true,
        description = {"Animoto: each job (a file of image URLs, one per line) becomes a video made by a worker "
                + "(one image per second by default), stored in the bucket; the answer is a download URL valid for "
                + "--expiry.",
            "JOBS is a jobs.txt listing job files (the seed's form) or a folder of job files. "
                    + "'kon animoto sample' serves sample jobs offline.",
            "Every image is required: one that cannot be fetched (after 3 tries for transient errors such as a "
                    + "reset connection, a timeout or HTTP 503) or decoded fails its job, naming the image and why. "
                    + "--allow-missing=N lets up to N images per job be left out instead; the job's line then says "
                    + "how many were."},
        subcommands = AnimotoCommand.Sample.class)
final class AnimotoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOBS", arity = "0..1", description = "jobs.txt or a folder of job files.")
    Path jobs;

    @Option(names = "--log", paramLabel = "FILE", defaultValue = "animoto-urls.txt",
            description = "One line per job: name and URL (default: ${DEFAULT-VALUE}).")
    Path log;

    @Option(names = "--fps", paramLabel = "N[/D]",
            description = "Images per second: N, or N/D for N every D seconds (1/2: one image every 2 s; default: 1).")
    String fps;

    @Option(names = "--size", paramLabel = "WxH", description = "Frame size (default: 1920x1080).")
    String size;

    @Option(names = "--container", paramLabel = "mp4|mkv", description = "Video container (default: mp4).")
    String container;

    @Option(names = "--expiry", paramLabel = "DURATION",
            description = "How long each URL stays valid: 1s to 7d, a whole number of s, m, h or d, e.g. 10m, 1h "
                    + "(default: 10m).")
    String expiry;

    @Option(names = "--allow-missing", paramLabel = "N",
            description = "Images per job that may be unusable and left out of its video (default: 0, every image "
                    + "is required).")
    Integer allowMissing;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
            description = "Give up waiting after this long (" + DurationConverter.FORMATS
                    + "; default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object, no progress bar; fields in the README).")
    OutputFormat output;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs == null) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCodes.BAD_INPUT;
        }
        List<VideoJob> videoJobs;
        try {
            videoJobs = VideoJobReader.read(jobs);
        } catch (JobFileException e) {
            System.err.println("kon animoto: " + e.getMessage() + "; nothing was sent");
            return ExitCodes.BAD_INPUT;
        }
        List<String> options = new ArrayList<>();
        addOption(options, "fps", fps);
        addOption(options, "size", size);
        addOption(options, "container", container);
        addOption(options, "expiry", expiry);
        addOption(options, "allow-missing", allowMissing == null ? null : allowMissing.toString());
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < videoJobs.size(); i++) {
            tasks.add(new Task(i + 1, "video", videoJobs.get(i).taskArgs(options)));
        }
        try (CloudContext ctx = CloudContext.open(cloud);
                ProgressView view = new ProgressView("animoto", quiet || output == OutputFormat.json)) {
            Map<Long, TaskResult> results = Requests.send(ctx.backend, cloud.queue, tasks, timeout, view);
            view.close();
            int failed = 0;
            List<VideoResult> videos = new ArrayList<>();
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                for (int i = 0; i < videoJobs.size(); i++) {
                    String name = videoJobs.get(i).name();
                    VideoResult v = VideoResult.of(name, results.get((long) i + 1));
                    videos.add(v);
                    if (v.url() != null) {
                        w.println(name + " " + v.url());
                    } else {
                        failed++;
                    }
                    if (output == OutputFormat.text) {
                        TaskResult r = results.get((long) i + 1);
                        System.out.printf(v.url() != null ? "%-16s %s%n" : "%-16s FAILED: %s%n", name,
                                v.url() != null ? r.output() : v.error());
                    }
                }
            }
            if (output == OutputFormat.json) {
                System.out.println(VideoJson.of(videos));
            } else {
                System.out.printf("%d of %d videos made; URLs in %s%n", videoJobs.size() - failed, videoJobs.size(),
                        log);
            }
            return failed == 0 ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
        }
    }

    private static void addOption(List<String> options, String name, String value) {
        if (value != null) {
            options.add("--" + name + "=" + value);
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = {"Write N sample jobs of distinct 1920x1080 images drawn by Kon, and serve the images over "
                    + "HTTP on 127.0.0.1 until Ctrl-C, so Animoto runs without the internet."})
    static final class Sample implements Callable<Integer> {
        @Option(names = "--jobs", paramLabel = "N", defaultValue = "4",
                description = "Jobs to write (default: ${DEFAULT-VALUE}).")
        int jobs;

        @Option(names = "--images", paramLabel = "N", defaultValue = "60",
                description = "Images per job (default: ${DEFAULT-VALUE}).")
        int images;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "animoto-jobs",
                description = "Folder for the job files (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
                description = "HTTP port (default: any free port).")
        int port;

        @Override
        public Integer call() throws Exception {
            try (SampleImageServer server = SampleImageServer.start(port)) {
                Path index = SampleJobs.write(dir, jobs, images, server.baseUrl());
                System.out.printf("serving sample images at %s%nwrote %d jobs of %d images: %s%n", server.baseUrl(),
                        jobs, images, index);
                System.out.println("in another terminal: kon animoto " + index);
                System.out.println("Ctrl-C stops the image server.");
                System.out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return ExitCodes.OK;
        }
    }
}
