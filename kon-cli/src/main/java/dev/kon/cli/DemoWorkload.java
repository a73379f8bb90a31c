package dev.kon.cli;

import dev.kon.apps.enhance.EnhanceRequest;
import dev.kon.apps.video.sample.SampleImageServer;
import dev.kon.apps.video.sample.SampleImages;
import dev.kon.blob.BlobStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import javax.imageio.ImageIO;

/**
 * The demo's mixed workload: sleep tasks of 10-100 ms, CloudCal requests, CloudPic images (uploaded to the bucket
 * first) and one Animoto video from the sample image server. Deterministic (a fixed seed).
 */
final class DemoWorkload {
    static final int SLEEPS = 240;
    static final int STATS = 6;
    static final int PICTURES = 2;

    private DemoWorkload() {
    }

    /** Writes the workload file and uploads its inputs; answers the file. */
    static Path write(Path dir, BlobStore blobs, SampleImageServer images) throws IOException {
        Random random = new Random(2014);
        List<String> lines = new ArrayList<>();
        lines.add("# Kon demo: a mixed workload, one task per line");
        for (int i = 0; i < SLEEPS; i++) {
            lines.add("sleep " + (10 + random.nextInt(91)));
        }
        for (int i = 0; i < STATS; i++) {
            StringJoiner numbers = new StringJoiner(" ");
            for (int n = 0; n < 20; n++) {
                numbers.add(Integer.toString(random.nextInt(1000) - 100));
            }
            lines.add("stats " + numbers);
        }
        for (int i = 0; i < PICTURES; i++) {
            EnhanceRequest req = EnhanceRequest.forUpload("demo-" + (i + 1) + ".png", EnhanceRequest.DEFAULT_FACTOR);
            blobs.putBytes(req.inputKey(), png(SampleImages.render(i, 640, 360)), "image/png");
            lines.add("enhance " + req.toArgs());
        }
        StringJoiner video = new StringJoiner(" ", "video demo-video ", "");
        for (int i = 0; i < 60; i++) {
            video.add(images.imageUrl(i).toString());
        }
        lines.add(video.toString());
        Path file = dir.resolve("demo-workload.txt");
        Files.write(file, lines);
        return file;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
