package dev.kon.apps.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Animoto job as read from its job file: the images of one video.
 *
 * @param name   the video's OUTPUT_NAME, from the file name without its extension
 * @param file   the job file it was read from
 * @param images the image URLs in order, at least one
 */
public record VideoJob(String name, Path file, List<ImageRef> images) {
    public VideoJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a video job needs at least one image, " + file + " has none");
        }
    }

    /**
     * The arguments of the {@code video} task that makes this video: {@code options}, then the name, then the
     * URLs, space-separated (see {@link VideoHandler} for the options).
     */
    public String taskArgs(List<String> options) {
        List<String> words = new ArrayList<>(options.size() + 1 + images.size());
        words.addAll(options);
        words.add(name);
        images.forEach(i -> words.add(i.toString()));
        return String.join(" ", words);
    }
}
