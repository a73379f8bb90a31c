package dev.kon.apps.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reads one output stream of a process to its end on a thread of its own, keeping the first {@code limit} bytes
 * and counting the rest: a program that writes gigabytes neither blocks on a full pipe nor fills the worker's
 * memory.
 *
 * <p>Thread-safety: started once; read {@link #text()} and {@link #bytes()} after {@link #await} answered true.
 */
final class OutputCapture {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private final Thread thread;
    private long total;

    private OutputCapture(InputStream in, int limit, String name) {
        this.limit = limit;
        this.thread = new Thread(() -> drain(in), name);
        this.thread.setDaemon(true);
    }

    static OutputCapture start(InputStream in, int limit, String name) {
        OutputCapture c = new OutputCapture(in, limit, name);
        c.thread.start();
        return c;
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                synchronized (this) {
                    int keep = (int) Math.max(0, Math.min(n, limit - total));
                    kept.write(buf, 0, keep);
                    total += n;
                }
            }
        } catch (IOException e) {
            // The pipe closed under us (the process was killed): what was read is kept.
        }
    }

    /** Waits for the end of the stream; false if it has not ended within {@code millis}. */
    boolean await(long millis) throws InterruptedException {
        thread.join(TimeUnit.MILLISECONDS.toMillis(Math.max(1, millis)));
        return !thread.isAlive();
    }

    /** The kept bytes as UTF-8 (malformed sequences replaced). */
    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    /** Every byte the stream carried, kept or not. */
    synchronized long bytes() {
        return total;
    }
}
