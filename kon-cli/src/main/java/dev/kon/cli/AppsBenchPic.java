package dev.kon.cli;

import static dev.kon.cli.AppsBenchStats.fmt;

import dev.kon.Backend;
import dev.kon.apps.enhance.Contrast;
import dev.kon.apps.enhance.EnhanceAnswer;
import dev.kon.apps.enhance.EnhanceRequest;
import dev.kon.blob.BlobStore;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * CloudPic: a photo-sized JPEG through {@code kon pic}'s steps (PicCommand.call): check the file, upload it, an
 * {@code enhance} task through {@link Requests#sendOne}, download the result. Each run is timed end to end and by
 * step; the worker's handler time comes from its own timestamps. Then the handler's steps (decode, contrast,
 * encode) are timed in this JVM on the same file, to show which of them the handler time is made of.
 */
final class AppsBenchPic {
    /** {@code kon pic}'s default wait. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Repeats of the in-process handler steps at most: they only apportion the handler time. */
    static final int LOCAL_REPEATS = 3;

    private final AppsBenchCloud cloud;
    private final Path dir;
    private final PrintWriter log;
    private int failures;

    AppsBenchPic(AppsBenchCloud cloud, Path dir, PrintWriter log) {
        this.cloud = cloud;
        this.dir = dir;
        this.log = log;
    }

    AppsBenchSection run(int runs, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path image = dir.resolve("photo-" + width + "x" + height + ".jpg");
        Files.deleteIfExists(image);
        log.printf("pic: drawing a %dx%d JPEG%n", width, height);
        AppsBenchImage.writeJpeg(AppsBenchImage.render(width, height, 12), image);
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
        List<double[]> local = new ArrayList<>();
        for (int i = 0; i < Math.min(runs, LOCAL_REPEATS); i++) {
            local.add(handlerSteps(Files.readAllBytes(image)));
        }
        return new AppsBenchSection(render(image, width, height, size, rows, local), failures);
    }

    /**
     * One {@code kon pic} with its own clients: seconds of upload (with opening the clients), task, handler
     * (within the task), download, total; or null.
     */
    private double[] once(Path image, Path target) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        try (AppsBenchCloud.Session session = cloud.openSession()) {
            return once(session.backend, image, target, t0);
        }
    }

    private double[] once(Backend backend, Path image, Path target, long t0) throws IOException,
            InterruptedException {
        BlobStore blobs = backend.blobs();
        PicCommand.checkImage(image);
        EnhanceRequest request = EnhanceRequest.forUpload(image.getFileName().toString(),
                EnhanceRequest.DEFAULT_FACTOR);
        String type = Files.probeContentType(image);
        blobs.putFile(request.inputKey(), image, type == null ? "application/octet-stream" : type);
        long t1 = System.nanoTime();
        TaskResult r = Requests.sendOne(backend, AppsBenchCloud.NAMES.taskQueue(),
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

    /** EnhanceHandler's steps on {@code bytes}, as ImageFile does them: seconds of decode, contrast, encode. */
    private static double[] handlerSteps(byte[] bytes) throws IOException {
        long t0 = System.nanoTime();
        BufferedImage decoded;
        IIOMetadata metadata;
        ImageReader reader;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in, true, false);
            decoded = reader.read(0);
            metadata = reader.getImageMetadata(0);
        }
        long t1 = System.nanoTime();
        BufferedImage enhanced = Contrast.enhance(decoded, EnhanceRequest.DEFAULT_FACTOR);
        long t2 = System.nanoTime();
        ImageWriter writer = ImageIO.getImageWriter(reader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(enhanced, null, metadata), null);
        } finally {
            writer.dispose();
            reader.dispose();
        }
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9};
    }

    private String render(Path image, int width, int height, long size, List<double[]> rows, List<double[]> local) {
        StringBuilder md = new StringBuilder("## CloudPic: a photo-sized JPEG enhanced end to end\n\n");
        md.append(String.format("`%s`: %dx%d (%s megapixels), JPEG quality %s drawn with Java2D (gradients, "
                + "shapes, grain), %,d bytes (%s MB). Each run is `kon pic`'s path without the JVM start: open the "
                + "clients, check, upload to the bucket, `enhance` task (contrast x%s) through `Requests.sendOne`, "
                + "download the result. One warm worker process, 1 task thread. Times in s; the task's time beyond "
                + "the handler is the request machinery that the CloudCal section breaks down.%n%n",
                image.getFileName(), width, height, fmt(width * (double) height / 1e6, 1),
                fmt(AppsBenchImage.QUALITY, 1), size, fmt(size / 1e6, 2), fmt(EnhanceRequest.DEFAULT_FACTOR, 1)));
        AppsBenchTable t = new AppsBenchTable("run", "upload", "enhance task", "of which in the handler",
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
                medians[c + 1] = fmt(AppsBenchStats.of(columns.get(c)).median(), 2);
            }
            t.row(medians);
        }
        md.append(t).append('\n');
        if (!local.isEmpty()) {
            String[] steps = new String[3];
            for (int c = 0; c < 3; c++) {
                List<Double> col = new ArrayList<>();
                for (double[] l : local) {
                    col.add(l[c]);
                }
                steps[c] = fmt(AppsBenchStats.of(col).median(), 2);
            }
            md.append(String.format("The handler's steps timed in this JVM on the same file (median of %d; this "
                    + "JVM is larger and warmer than a worker's): decode %s s, contrast %s s, encode %s s. The "
                    + "handler also reads and writes the bucket.%n%n", local.size(), steps[0], steps[1], steps[2]));
        }
        md.append(String.format("Failed runs: %d. Run 1 is the worker's first `enhance` (cold code).%n", failures));
        return md.toString();
    }
}
