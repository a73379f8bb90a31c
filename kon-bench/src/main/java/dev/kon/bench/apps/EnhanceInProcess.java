package dev.kon.bench.apps;

import dev.kon.apps.enhance.Contrast;
import dev.kon.apps.enhance.EnhanceAnswer;
import dev.kon.apps.enhance.EnhanceHandler;
import dev.kon.apps.enhance.EnhanceRequest;
import dev.kon.blob.BlobStore;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * The {@code enhance} handler timed in this JVM: the worker's own {@link EnhanceHandler} (read from the blob store,
 * decode, contrast, encode, write) on an in-memory blob store, and beside it {@link Contrast#enhance}, the call the
 * handler makes for the contrast step, on the same pixels. What is left of the handler's time is reading, decoding,
 * encoding and writing. Stateless.
 */
final class EnhanceInProcess {
    private EnhanceInProcess() {
    }

    /**
     * Seconds of one handler run, and of its contrast step alone.
     *
     * @param output the key the handler wrote its result under (checked to exist)
     */
    record Timing(double handlerSeconds, double contrastSeconds, String output) {
    }

    /** Enhances {@code image} (the bytes of a file named {@code name}) once, as a worker would. */
    static Timing time(String name, byte[] image) throws IOException {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        EnhanceRequest request = EnhanceRequest.forUpload(name, EnhanceRequest.DEFAULT_FACTOR);
        blobs.putBytes(request.inputKey(), image, "application/octet-stream");
        Task task = new Task(1, EnhanceHandler.TYPE, request.toArgs());
        long t0 = System.nanoTime();
        String output = new EnhanceHandler().handle(task, new Context(blobs));
        long t1 = System.nanoTime();
        String key = EnhanceAnswer.parse(output).key();
        if (!blobs.exists(key)) {
            throw new IllegalStateException("the handler answered " + key + " but wrote nothing there");
        }
        BufferedImage decoded = javax.imageio.ImageIO.read(new ByteArrayInputStream(image));
        if (decoded == null) {
            throw new IOException(name + ": not an image ImageIO reads");
        }
        long t2 = System.nanoTime();
        Contrast.enhance(decoded, request.factor());
        long t3 = System.nanoTime();
        return new Timing((t1 - t0) / 1e9, (t3 - t2) / 1e9, key);
    }

    /** A first attempt that is never cancelled, on the given store; the handler's log goes nowhere. */
    private record Context(BlobStore blobs) implements TaskContext {
        @Override
        public Logger log() {
            return NOPLogger.NOP_LOGGER;
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public String workerId() {
            return "bench/in-process";
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public long attempt() {
            return 1;
        }
    }
}
