package dev.kon.bench.apps;

import static dev.kon.bench.apps.Samples.fmt;

import dev.kon.Backend;
import dev.kon.apps.enhance.EnhanceAnswer;
import dev.kon.apps.enhance.EnhanceRequest;
import dev.kon.blob.BlobStore;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudPic: a photo-sized JPEG through {@code kon pic}'s steps (PicCommand.call): check the file, upload it, an
 * {@code enhance} task through {@link CommandSteps#sendOne}, download the result. Each run is timed end to end and
 * by step; the worker's handler time comes from its own timestamps. Then the handler itself runs in this JVM on the
 * same file ({@link EnhanceInProcess}), with its contrast step timed alone, to show what the handler time is made of.
 */
final class PicBench {
    /** {@code kon pic}'s default wait. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Repeats of the in-process handler at most: they only apportion the handler time. */
    static final int LOCAL_REPEATS = 3;

    private final AppsCloud cloud;
    private final CommandSteps steps;
    private final Path dir;
    private final PrintWriter log;
    private int failures;

    PicBench(AppsCloud cloud, CommandSteps steps, Path dir, PrintWriter log) {
        this.cloud = cloud;
        this.steps = steps;
        this.dir = dir;
        this.log = log;
    }

    Section run(int runs, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path image = dir.resolve("photo-" + width + "x" + height + ".jpg");
        Files.deleteIfExists(image);
        log.printf("pic: drawing a %dx%d JPEG%n", width, height);
        PhotoImage.writeJpeg(PhotoImage.render(width, height, 12), image);
        long size = Files.size(image);
        log.printf("pic: %s, %,d bytes; %d runs%n", image.getFileName(), size, runs);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // One result file, overwritten each run: the last one is kept to look at.
            double[] row = once(image, dir.resolve("photo-enhanced.jpg"));
            if (row != null) {
                rows.add(row);
                log.printf("pic: run %d: %s s%n", i + 1, fmt(row[4], 2));
            }
        }
        List<EnhanceInProcess.Timing> local = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(image);
        for (int i = 0; i < Math.min(runs, LOCAL_REPEATS); i++) {
            try {
                local.add(EnhanceInProcess.time(image.getFileName().toString(), bytes));
            } catch (IOException | RuntimeException e) {
                failures++;
                log.println("pic: the handler in this JVM failed: " + e);
            }
        }
        return new Section(render(image, width, height, size, rows, local), failures);
    }

    /**
     * One {@code kon pic} with its own clients: seconds of upload (with opening the clients), task, handler
     * (within the task), download, total; or null.
     */
    private double[] once(Path image, Path target) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        try (AppsCloud.Session session = cloud.openSession()) {
            return once(session.backend, image, target, t0);
        }
    }

    private double[] once(Backend backend, Path image, Path target, long t0) throws IOException,
            InterruptedException {
        BlobStore blobs = backend.blobs();
        steps.checkImage(image);
        EnhanceRequest request = EnhanceRequest.forUpload(image.getFileName().toString(),
                EnhanceRequest.DEFAULT_FACTOR);
        String type = Files.probeContentType(image);
        blobs.putFile(request.inputKey(), image, type == null ? "application/octet-stream" : type);
        long t1 = System.nanoTime();
        TaskResult r = steps.sendOne(backend, AppsCloud.NAMES.taskQueue(),
                new Task(1, "enhance", request.toArgs()), TIMEOUT);
        long t2 = System.nanoTime();
        if (r == null || !r.succeeded()) {
            failures++;
            log.println("pic: request failed: " + (r == null ? "no answer within " + TIMEOUT.toSeconds() + "s"
                    : r.output()));
            return null;
        }
        EnhanceAnswer answer = EnhanceAnswer.parse(r.output());
        try (InputStream in = blobs.get(answer.key())) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        long t3 = System.nanoTime();
        // Not part of kon pic: keeps the bucket (in this JVM's memory) from growing run after run.
        blobs.delete(request.inputKey());
        blobs.delete(answer.key());
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (r.endMs() - r.startMs()) / 1e3, (t3 - t2) / 1e9,
            (t3 - t0) / 1e9};
    }

    private String render(Path image, int width, int height, long size, List<double[]> rows,
            List<EnhanceInProcess.Timing> local) {
        StringBuilder md = new StringBuilder("## CloudPic: a photo-sized JPEG enhanced end to end\n\n");
        md.append(String.format("`%s`: %dx%d (%s megapixels), JPEG quality %s drawn with Java2D (gradients, "
                + "shapes, grain), %,d bytes (%s MB). Each run is `kon pic`'s path without the JVM start: open the "
                + "clients, check, upload to the bucket, `enhance` task (contrast x%s) through the command's send, "
                + "download the result. One warm worker process, 1 task thread. Times in s; the task's time beyond "
                + "the handler is the request machinery that the CloudCal section breaks down.%n%n",
                image.getFileName(), width, height, fmt(width * (double) height / 1e6, 1),
                fmt(PhotoImage.QUALITY, 1), size, fmt(size / 1e6, 2), fmt(EnhanceRequest.DEFAULT_FACTOR, 1)));
        MarkdownTable t = new MarkdownTable("run", "upload", "enhance task", "of which in the handler",
                "download", "total");
        List<List<Double>> columns = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            columns.add(new ArrayList<>());
        }
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            t.row(Integer.toString(i + 1), fmt(r[0], 2), fmt(r[1], 2), fmt(r[2], 2), fmt(r[3], 2), fmt(r[4], 2));
            for (int c = 0; c < 5; c++) {
                columns.get(c).add(r[c]);
            }
        }
        if (!rows.isEmpty()) {
            String[] medians = new String[6];
            medians[0] = "median";
            for (int c = 0; c < 5; c++) {
                medians[c + 1] = fmt(Samples.of(columns.get(c)).median(), 2);
            }
            t.row(medians);
        }
        md.append(t).append('\n');
        if (!local.isEmpty()) {
            Samples handler = Samples.of(local.stream().map(EnhanceInProcess.Timing::handlerSeconds).toList());
            Samples contrast = Samples.of(local.stream().map(EnhanceInProcess.Timing::contrastSeconds).toList());
            md.append(String.format("The worker's `enhance` handler run in this JVM on the same file, on an in-memory "
                    + "bucket (median of %d; this JVM is larger and warmer than a worker's): %s s, of which the "
                    + "contrast step alone %s s; the rest (about %s s, the difference of the medians) is reading the "
                    + "input, decoding, encoding and writing the result.%n%n", local.size(), fmt(handler.median(), 2),
                    fmt(contrast.median(), 2), fmt(handler.median() - contrast.median(), 2)));
        }
        md.append(String.format("Failed runs: %d. Run 1 is the worker's first `enhance` (cold code).%n", failures));
        return md.toString();
    }
}
