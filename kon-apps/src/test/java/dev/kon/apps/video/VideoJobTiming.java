package dev.kon.apps.video;

import dev.kon.apps.video.sample.SampleImageServer;
import dev.kon.apps.video.sample.SampleJobs;
import dev.kon.blob.FileSystemBlobStore;
import dev.kon.task.Task;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark, not a test: times whole {@code video} jobs of 60 sample images (download on loopback, decode,
 * encode, store in a folder blob store) one after another in one JVM, and prints each and the mean of the warm
 * ones. Run: {@code java -cp <test class path> dev.kon.apps.video.VideoJobTiming [jobs] [preset]}.
 */
public final class VideoJobTiming {
    private VideoJobTiming() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        String preset = args.length > 1 ? args[1] : "ultrafast";
        Path dir = Files.createTempDirectory("kon-video-timing-");
        try (SampleImageServer server = SampleImageServer.start(0)) {
            server.warmUp();
            SampleJobs.write(dir.resolve("jobs"), jobs, SampleJobs.SEED_IMAGES_PER_JOB, server.baseUrl());
            List<VideoJob> videoJobs = VideoJobReader.read(dir.resolve("jobs"));
            VideoTaskContext ctx = new VideoTaskContext(new FileSystemBlobStore(dir.resolve("blobs")));
            VideoHandler handler = new VideoHandler(dir.resolve("tmp"));
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long warmTotal = 0;
            for (int i = 0; i < videoJobs.size(); i++) {
                String taskArgs = videoJobs.get(i).taskArgs(List.of("--preset=" + preset));
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                handler.handle(new Task(i + 1, "video", taskArgs), ctx);
                long ms = (System.nanoTime() - start) / 1_000_000;
                long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
                System.out.printf("job %d: %d ms wall, %d ms CPU (all threads of this JVM)%s%n", i + 1, ms, cpuMs,
                        i == 0 ? " (cold: loads natives, JIT)" : "");
                if (i > 0) {
                    warmTotal += ms;
                }
            }
            if (videoJobs.size() > 1) {
                long mean = warmTotal / (videoJobs.size() - 1);
                System.out.printf("mean of warm jobs: %d ms per 60-image job (%s)%n", mean, preset);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
