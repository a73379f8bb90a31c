package dev.kon.cli;

import static dev.kon.cli.AppsBenchStats.fmt;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Animoto: the same video jobs through {@code kon animoto}'s path ({@link VideoJobReader}, {@link VideoJob#taskArgs}
 * with no options, {@link Requests#send}) on one fresh worker process, then on two. Workers start and print their
 * ready line before the clock starts; the sample images are rendered before it too, so the clock sees fetching,
 * decoding, encoding and storing, not drawing.
 */
final class AppsBenchAnimoto {
    /** {@code kon animoto}'s default wait. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final List<Integer> WORKER_COUNTS = List.of(1, 2);

    private final AppsBenchCloud cloud;
    private final Path dir;
    private final PrintWriter log;

    AppsBenchAnimoto(AppsBenchCloud cloud, Path dir, PrintWriter log) {
        this.cloud = cloud;
        this.dir = dir;
        this.log = log;
    }

    /** One pass over the jobs with {@code workers} worker processes. */
    private record Round(int workers, int jobs, int succeeded, double seconds, double medianHandler,
            Map<String, Integer> perWorker, OptionalDouble workerCpu, double ownCpu) {
    }

    AppsBenchSection run(int jobs, int imagesPerJob) throws InterruptedException {
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
            return new AppsBenchSection(render(jobs, imagesPerJob, distinct, rounds), failures);
        }
    }

    private Round round(int workers, List<Task> tasks) throws InterruptedException {
        log.printf("animoto: starting %d fresh worker process%s%n", workers, workers == 1 ? "" : "es");
        try (WorkerProcesses procs = cloud.startWorkers(workers, dir.resolve("workers"), "animoto-" + workers + "w")) {
            List<String> ids = procs.workerIds();
            OptionalDouble cpu0 = AppsBenchCloud.workersCpuSeconds(ids);
            double own0 = AppsBenchCloud.ownCpuSeconds();
            log.printf("animoto: %d jobs on %d worker%s, clock started%n", tasks.size(), workers,
                    workers == 1 ? "" : "s");
            long t0 = System.nanoTime();
            Map<Long, TaskResult> results = Requests.send(cloud.backend, AppsBenchCloud.NAMES.taskQueue(), tasks,
                    TIMEOUT, new RunListener() { });
            double seconds = (System.nanoTime() - t0) / 1e9;
            OptionalDouble cpu1 = AppsBenchCloud.workersCpuSeconds(ids);
            double own1 = AppsBenchCloud.ownCpuSeconds();
            List<Double> handler = new ArrayList<>();
            Map<String, Integer> perWorker = new TreeMap<>();
            ids.forEach(id -> perWorker.put(id, 0));
            int succeeded = 0;
            for (TaskResult r : results.values()) {
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
            return new Round(workers, tasks.size(), succeeded, seconds,
                    handler.isEmpty() ? Double.NaN : AppsBenchStats.of(handler).median(), perWorker, workerCpu,
                    own0 < 0 || own1 < 0 ? -1 : own1 - own0);
        }
    }

    private static String render(int jobs, int imagesPerJob, int distinct, List<Round> rounds) {
        StringBuilder md = new StringBuilder("## Animoto: video jobs on 1 and 2 worker processes\n\n");
        md.append(String.format("%d jobs of %d sample images (%dx%d JPEG, %d distinct, served over HTTP from this "
                + "JVM), each job one H.264 video at `kon animoto`'s defaults (1 image per second, 1920x1080, mp4, "
                + "libx264 ultrafast), sent at once through `Requests.send`. Fresh worker processes each round, "
                + "1 task thread each, started before the clock. Times in s; CPU is the CPU time used during the "
                + "round divided by its wall time (1.00 = one core busy).%n%n", jobs, imagesPerJob,
                SampleImages.WIDTH, SampleImages.HEIGHT, distinct));
        AppsBenchTable t = new AppsBenchTable("worker processes", "jobs done", "total", "per job (total / jobs)",
                "median job in the handler", "jobs per worker", "workers' CPU (cores)",
                "this JVM's CPU (cores): cloud, images, client");
        for (Round r : rounds) {
            t.row(Integer.toString(r.workers()), r.succeeded() + " of " + r.jobs(), fmt(r.seconds(), 2),
                    fmt(r.seconds() / r.jobs(), 2), fmt(r.medianHandler(), 2),
                    String.join(" + ", r.perWorker().values().stream().map(String::valueOf).toList()),
                    r.workerCpu().isPresent() ? fmt(r.workerCpu().getAsDouble() / r.seconds(), 2) : "n/a",
                    r.ownCpu() < 0 ? "n/a" : fmt(r.ownCpu() / r.seconds(), 2));
        }
        md.append(t).append('\n');
        Round one = rounds.get(0);
        md.append(String.format("Target: at most 5 s per job on one worker. Measured: %s s (%s).%n%n",
                fmt(one.seconds() / one.jobs(), 2), one.seconds() / one.jobs() <= 5 ? "met" : "not met"));
        if (rounds.size() > 1) {
            Round two = rounds.get(1);
            double speedUp = one.seconds() / two.seconds();
            md.append(String.format("Speed-up from 1 to 2 workers: %s / %s = %sx (target: at least 1.8x, %s).%n%n",
                    fmt(one.seconds(), 2), fmt(two.seconds(), 2), fmt(speedUp, 2), speedUp >= 1.8 ? "met"
                            : "not met"));
        }
        md.append(String.format("This machine has %d cores (as Java sees them), so 2 single-threaded worker "
                + "processes are the most that can run in parallel, and they share those cores with this JVM "
                + "(the local cloud and the image server). A worker's one task thread is not its only busy thread: "
                + "libx264 encodes on threads of its own and the handler fetches and decodes up to 8 images at "
                + "once, so one worker can already keep more than one core busy.%n",
                Runtime.getRuntime().availableProcessors()));
        return md.toString();
    }
}
