package dev.kon.bench.apps;

import static dev.kon.bench.apps.Samples.fmt;

import dev.kon.apps.video.VideoHandler;
import dev.kon.apps.video.VideoJob;
import dev.kon.apps.video.VideoJobReader;
import dev.kon.apps.video.sample.SampleImageServer;
import dev.kon.apps.video.sample.SampleImages;
import dev.kon.apps.video.sample.SampleJobs;
import dev.kon.bench.WorkerProcesses;
import dev.kon.client.RunListener;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Animoto: the same video jobs through {@code kon animoto}'s path ({@link VideoJobReader}, {@link VideoJob#taskArgs}
 * with no options, {@link CommandSteps#send}) on one fresh worker process, then on two. Workers start and print their
 * ready line before the clock starts; the sample images are rendered before it too, so the clock sees fetching,
 * decoding, encoding and storing, not drawing.
 */
final class AnimotoBench {
    /** {@code kon animoto}'s default wait. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final List<Integer> WORKER_COUNTS = List.of(1, 2);

    private final AppsCloud cloud;
    private final CommandSteps steps;
    private final Path dir;
    private final PrintWriter log;
    private final Clock clock = Clock.systemUTC();

    AnimotoBench(AppsCloud cloud, CommandSteps steps, Path dir, PrintWriter log) {
        this.cloud = cloud;
        this.steps = steps;
        this.dir = dir;
        this.log = log;
    }

    /** One pass over the jobs with {@code workers} worker processes. */
    private record Round(int workers, int jobs, int succeeded, double seconds, double medianHandler,
            double firstStart, double span, double afterLast, Map<String, Integer> perWorker,
            OptionalDouble workerCpu, double ownCpu) {
    }

    Section run(int jobs, int imagesPerJob) throws InterruptedException {
        int distinct = Math.min(SampleImageServer.DEFAULT_DISTINCT, jobs * imagesPerJob);
        try (SampleImageServer images = SampleImageServer.start(0, distinct)) {
            long t0 = System.nanoTime();
            images.warmUp();
            log.printf("animoto: rendered %d distinct sample images in %s s (before the clock)%n", distinct,
                    fmt((System.nanoTime() - t0) / 1e9, 1));
            Path index = SampleJobs.write(dir.resolve("jobs"), jobs, imagesPerJob, images.baseUrl());
            List<VideoJob> videoJobs = VideoJobReader.read(index);
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < videoJobs.size(); i++) {
                tasks.add(new Task(i + 1, "video", videoJobs.get(i).taskArgs(List.of())));
            }
            List<Round> rounds = new ArrayList<>();
            for (int workers : WORKER_COUNTS) {
                rounds.add(round(workers, tasks));
            }
            int failures = rounds.stream().mapToInt(r -> r.jobs() - r.succeeded()).sum();
            return new Section(render(jobs, imagesPerJob, distinct, rounds), failures);
        }
    }

    private Round round(int workers, List<Task> tasks) throws InterruptedException {
        log.printf("animoto: starting %d fresh worker process%s%n", workers, workers == 1 ? "" : "es");
        try (WorkerProcesses procs = cloud.startWorkers(workers, dir.resolve("workers"), "animoto-" + workers + "w")) {
            List<String> ids = procs.workerIds();
            OptionalDouble cpu0 = AppsCloud.workersCpuSeconds(ids);
            double own0 = AppsCloud.ownCpuSeconds();
            log.printf("animoto: %d jobs on %d worker%s, clock started%n", tasks.size(), workers,
                    workers == 1 ? "" : "s");
            Map<Long, TaskResult> results;
            double seconds;
            long sentMs;
            long doneMs;
            try (AppsCloud.Session session = cloud.openSession()) {
                sentMs = clock.millis();
                long t0 = System.nanoTime();
                results = steps.send(session.backend, AppsCloud.NAMES.taskQueue(), tasks, TIMEOUT,
                        new RunListener() { });
                seconds = (System.nanoTime() - t0) / 1e9;
                doneMs = clock.millis();
            }
            OptionalDouble cpu1 = AppsCloud.workersCpuSeconds(ids);
            double own1 = AppsCloud.ownCpuSeconds();
            List<Double> handler = new ArrayList<>();
            Map<String, Integer> perWorker = new TreeMap<>();
            ids.forEach(id -> perWorker.put(id, 0));
            int succeeded = 0;
            long firstStart = Long.MAX_VALUE;
            long lastEnd = Long.MIN_VALUE;
            for (TaskResult r : results.values()) {
                firstStart = Math.min(firstStart, r.startMs());
                lastEnd = Math.max(lastEnd, r.endMs());
                if (!r.succeeded()) {
                    log.println("animoto: job " + r.taskId() + " failed: " + r.output());
                    continue;
                }
                succeeded++;
                handler.add((r.endMs() - r.startMs()) / 1e3);
                // Thread ids are the worker's id and "/tN".
                perWorker.merge(r.worker().substring(0, r.worker().lastIndexOf('/')), 1, Integer::sum);
            }
            log.printf("animoto: %d of %d jobs in %s s%n", succeeded, tasks.size(), fmt(seconds, 2));
            OptionalDouble workerCpu = cpu0.isPresent() && cpu1.isPresent()
                    ? OptionalDouble.of(cpu1.getAsDouble() - cpu0.getAsDouble()) : OptionalDouble.empty();
            boolean any = !results.isEmpty();
            return new Round(workers, tasks.size(), succeeded, seconds,
                    handler.isEmpty() ? Double.NaN : Samples.of(handler).median(),
                    any ? (firstStart - sentMs) / 1e3 : Double.NaN, any ? (lastEnd - firstStart) / 1e3 : Double.NaN,
                    any ? (doneMs - lastEnd) / 1e3 : Double.NaN, perWorker, workerCpu,
                    own0 < 0 || own1 < 0 ? -1 : own1 - own0);
        }
    }

    private static String render(int jobs, int imagesPerJob, int distinct, List<Round> rounds) {
        StringBuilder md = new StringBuilder("## Animoto: video jobs on 1 and 2 worker processes\n\n");
        md.append(String.format("%d jobs of %d sample images (%dx%d JPEG, %d distinct, served over HTTP from this "
                + "JVM), each job one H.264 video at `kon animoto`'s defaults (1 image per second, 1920x1080, mp4, "
                + "libx264 ultrafast), sent at once through the command's send. Fresh worker processes each round, "
                + "1 task thread each, started before the clock. Times in s; job starts and ends are the workers' "
                + "own timestamps (whole ms). CPU is the CPU time used from the clock's start to its stop; in "
                + "brackets, divided by a wall time, the cores kept busy on average (1.00 = one core).%n%n", jobs,
                imagesPerJob, SampleImages.WIDTH, SampleImages.HEIGHT, distinct));
        MarkdownTable t = new MarkdownTable("worker processes", "jobs done", "total", "per job (total / jobs)",
                "median job in the handler", "until the first job started", "first job start to last job end",
                "after the last job ended", "jobs per worker", "workers' CPU s (per s of the span)",
                "this JVM's CPU s (per s of the total): cloud, images, client");
        for (Round r : rounds) {
            t.row(Integer.toString(r.workers()), r.succeeded() + " of " + r.jobs(), fmt(r.seconds(), 2),
                    fmt(r.seconds() / r.jobs(), 2), fmt(r.medianHandler(), 2), fmt(r.firstStart(), 2),
                    fmt(r.span(), 2), fmt(r.afterLast(), 2),
                    String.join(" + ", r.perWorker().values().stream().map(String::valueOf).toList()),
                    r.workerCpu().isPresent() ? fmt(r.workerCpu().getAsDouble(), 1) + " ("
                            + fmt(r.workerCpu().getAsDouble() / r.span(), 2) + ")" : "n/a",
                    r.ownCpu() < 0 ? "n/a" : fmt(r.ownCpu(), 1) + " (" + fmt(r.ownCpu() / r.seconds(), 2) + ")");
        }
        md.append(t).append('\n');
        Round one = rounds.get(0);
        md.append(String.format("Target: at most 5 s per job on one worker. Measured: %s s (%s).%n%n",
                fmt(one.seconds() / one.jobs(), 2), one.seconds() / one.jobs() <= 5 ? "met" : "not met"));
        if (rounds.size() > 1) {
            Round two = rounds.get(1);
            double speedUp = one.seconds() / two.seconds();
            md.append(String.format("Speed-up from 1 to 2 workers: %s / %s = %sx (target: at least 1.8x, %s). "
                    + "Of the span from the first job's start to the last job's end alone: %s / %s = %sx.%n%n",
                    fmt(one.seconds(), 2), fmt(two.seconds(), 2), fmt(speedUp, 2), speedUp >= 1.8 ? "met"
                            : "not met", fmt(one.span(), 2), fmt(two.span(), 2), fmt(one.span() / two.span(), 2)));
        }
        md.append(String.format("This machine has %d cores (as Java sees them), so 2 single-threaded worker "
                + "processes are the most that can run in parallel, and they share those cores with this JVM "
                + "(the local cloud and the image server). One task thread is not one busy core: the video handler "
                + "fetches and decodes up to %d images at once and sets no thread count for libx264; the workers' "
                + "CPU column shows how many cores one worker already keeps busy.%n",
                Runtime.getRuntime().availableProcessors(), VideoHandler.PARALLEL_FETCHES));
        return md.toString();
    }
}
