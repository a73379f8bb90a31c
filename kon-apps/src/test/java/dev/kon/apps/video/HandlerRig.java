package dev.kon.apps.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.blob.FileSystemBlobStore;
import dev.kon.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a {@link VideoHandler} test works with: the handler, the folder it works in, a folder blob store and a
 * task context (attempt 1 unless given), all below one test folder.
 */
final class HandlerRig {
    final Path temp;
    final FileSystemBlobStore blobs;
    final VideoTaskContext ctx;
    final VideoHandler handler;

    HandlerRig(Path dir) {
        this(dir, VideoHandler.TIMEOUT_SECONDS * 1000L, 1);
    }

    HandlerRig(Path dir, long timeoutMillis, long attempt) {
        try {
            temp = Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        blobs = new FileSystemBlobStore(dir.resolve("blobs"));
        ctx = new VideoTaskContext(blobs, attempt);
        handler = new VideoHandler(temp, Duration.ofMillis(timeoutMillis));
    }

    /** Runs one {@code video} task with these arguments in this thread; its output. */
    String run(String args) throws Exception {
        return handler.handle(new Task(1, "video", args), ctx);
    }

    /** The keys of the videos stored. */
    List<String> videos() {
        return blobs.list("videos/", 100);
    }

    void assertNoTemporaryFilesLeft() {
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).as("left in " + temp).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
