package dev.kon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code kon worker --task-path}: task types from jars outside Kon's own, since {@code ./kon} runs {@code java -jar},
 * which ignores a class path. Each entry is a jar or a folder whose jars (not its subfolders) are all taken. The
 * loader asks Kon's own class loader first, so a jar cannot replace Kon's classes.
 */
final class TaskPath {
    private TaskPath() {
    }

    /**
     * A class loader over the jars of {@code entries}, child of Kon's.
     *
     * @throws IllegalArgumentException naming the entry when it does not exist, is not a jar, or is a folder
     *                                  without jars
     */
    static ClassLoader loader(List<Path> entries) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            for (Path jar : jars(entry)) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("--task-path: cannot use " + jar + ": " + e.getMessage(), e);
                }
            }
        }
        return new URLClassLoader("kon-task-path", urls.toArray(URL[]::new), TaskPath.class.getClassLoader());
    }

    private static List<Path> jars(Path entry) {
        if (Files.isRegularFile(entry)) {
            if (!entry.getFileName().toString().endsWith(".jar")) {
                throw new IllegalArgumentException("--task-path: " + entry + " is not a .jar file or a folder");
            }
            return List.of(entry);
        }
        if (!Files.isDirectory(entry)) {
            throw new IllegalArgumentException("--task-path: " + entry + " does not exist");
        }
        try (Stream<Path> files = Files.list(entry)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalArgumentException("--task-path: the folder " + entry + " holds no .jar file");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("--task-path: cannot list " + entry, e);
        }
    }
}
