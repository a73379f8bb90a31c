package dev.kon.apps.video.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the seed's Animoto job layout into a folder: {@value #INDEX} lists the job files, one per line, and each
 * job file lists its image URLs, one per line. Job {@code j}'s {@code i}-th URL is
 * {@code BASE/images/(j * imagesPerJob + i).jpg}, as served by {@link SampleImageServer}. Read it back with
 * {@link dev.kon.apps.video.VideoJobReader}.
 */
public final class SampleJobs {
    /** The index file's name. */
    public static final String INDEX = "jobs.txt";
    /** Images per job in the seed: one minute at one image per second. */
    public static final int SEED_IMAGES_PER_JOB = 60;
    /** Jobs in the seed's run. */
    public static final int SEED_JOBS = 160;

    private SampleJobs() {
    }

    /**
     * Creates {@code dir} if needed and writes {@code job-0001.txt ..} and {@value #INDEX}, replacing files of the
     * same names.
     *
     * @return the index file
     */
    public static Path write(Path dir, int jobs, int imagesPerJob, URI baseUrl) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, was " + jobs);
        }
        if (imagesPerJob < 1) {
            throw new IllegalArgumentException("imagesPerJob must be >= 1, was " + imagesPerJob);
        }
        try {
            Files.createDirectories(dir);
            List<String> index = new ArrayList<>(jobs + 1);
            index.add("# Animoto sample: " + jobs + " jobs of " + imagesPerJob + " images from " + baseUrl);
            for (int j = 0; j < jobs; j++) {
                String name = String.format("job-%04d.txt", j + 1);
                List<String> urls = new ArrayList<>(imagesPerJob + 1);
                urls.add("# job " + (j + 1) + ": " + imagesPerJob + " images, one per line");
                for (int i = 0; i < imagesPerJob; i++) {
                    urls.add(SampleImageServer.imageUrl(baseUrl, j * imagesPerJob + i).toString());
                }
                Files.write(dir.resolve(name), urls);
                index.add(name);
            }
            Path indexFile = dir.resolve(INDEX);
            Files.write(indexFile, index);
            return indexFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample jobs to " + dir + ": " + e.getMessage(), e);
        }
    }
}
