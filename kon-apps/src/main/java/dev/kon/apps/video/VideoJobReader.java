package dev.kon.apps.video;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads Animoto jobs in the seed's layout: a jobs index ({@code jobs.txt}) naming one job file per line, paths
 * relative to the index's folder; or a folder, read through its {@code jobs.txt} if it has one, else every
 * {@code *.txt} in it by name. A job file lists image URLs ({@code http://}, {@code https://},
 * {@code s3://bucket/key}), one per line. In both, blank lines and lines starting with {@code #} are skipped.
 *
 * <p>All or nothing: the first problem throws {@link JobFileException} naming file and line, and nothing is
 * returned. Stateless and thread-safe.
 */
public final class VideoJobReader {
    /** The index file's name inside a jobs folder. */
    public static final String INDEX = "jobs.txt";

    private VideoJobReader() {
    }

    /** Reads every job of an index file or a jobs folder, in order. */
    public static List<VideoJob> read(Path indexOrFolder) {
        List<VideoJob> jobs = new ArrayList<>();
        Map<String, Path> names = new HashMap<>();
        List<Path> files = jobFiles(indexOrFolder);
        for (Path file : files) {
            VideoJob job = readJob(file);
            Path other = names.putIfAbsent(job.name(), file);
            if (other != null) {
                throw new JobFileException(file, 0, "video name '" + job.name() + "' is also the name of " + other
                        + "; both would be stored under the same key");
            }
            jobs.add(job);
        }
        return jobs;
    }

    /** The job files an index file or jobs folder names, in order, each checked to exist. */
    public static List<Path> jobFiles(Path indexOrFolder) {
        if (Files.isDirectory(indexOrFolder)) {
            Path index = indexOrFolder.resolve(INDEX);
            if (Files.isRegularFile(index)) {
                return jobFiles(index);
            }
            try (Stream<Path> list = Files.list(indexOrFolder)) {
                List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".txt"))
                        .filter(Files::isRegularFile).sorted().toList();
                if (files.isEmpty()) {
                    throw new JobFileException(indexOrFolder, 0, "no " + INDEX + " and no *.txt job files");
                }
                return files;
            } catch (IOException e) {
                throw new JobFileException(indexOrFolder, 0, "cannot list the folder: " + e.getMessage(), e);
            }
        }
        List<Path> files = new ArrayList<>();
        Path base = indexOrFolder.toAbsolutePath().getParent();
        List<String> lines = lines(indexOrFolder);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path file;
            try {
                file = base.resolve(line).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new JobFileException(indexOrFolder, n, "'" + Excerpt.of(line) + "' is not a file path: "
                        + e.getReason());
            }
            if (!Files.isRegularFile(file)) {
                throw new JobFileException(indexOrFolder, n, "job file " + Excerpt.of(file) + " does not exist");
            }
            files.add(file);
        }
        if (files.isEmpty()) {
            throw new JobFileException(indexOrFolder, 0, "lists no job files");
        }
        return files;
    }

    /** Reads one job file; its video is named after the file. */
    public static VideoJob readJob(Path file) {
        List<ImageRef> images = new ArrayList<>();
        List<String> lines = lines(file);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                images.add(ImageRef.parse(line));
            } catch (IllegalArgumentException e) {
                throw new JobFileException(file, n, e.getMessage());
            }
        }
        if (images.isEmpty()) {
            throw new JobFileException(file, 0, "lists no image URLs");
        }
        return new VideoJob(nameOf(file), file, images);
    }

    /** The file name without extension, reduced to the characters an OUTPUT_NAME allows. */
    static String nameOf(Path file) {
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String name = base.replaceAll("[^A-Za-z0-9._-]", "-");
        if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0))) {
            name = "job-" + name;
        }
        return name.length() > 128 ? name.substring(0, 128) : name;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new JobFileException(file, 0, "no such file");
        } catch (MalformedInputException e) {
            throw new JobFileException(file, 0, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new JobFileException(file, 0, "cannot read: " + e.getMessage(), e);
        }
    }
}
