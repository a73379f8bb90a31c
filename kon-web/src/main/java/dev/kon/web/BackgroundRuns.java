package dev.kon.web;

import dev.kon.Backend;
import dev.kon.api.Kon;
import dev.kon.api.KonSettings;
import dev.kon.client.ResultSink;
import dev.kon.client.RunListener;
import dev.kon.client.RunRequest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs the web server submits (workloads, Animoto jobs), each collected on a thread of its own until its last
 * result is in: the same {@link RunClient} as {@code kon submit}, so they show in the run registry like any run.
 * A run that fails is logged; the server goes on. Closing interrupts the runs still collecting (their records
 * stay; {@code kon collect} cannot pick them up, as the results were not archived).
 */
final class BackgroundRuns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRuns.class);
    private final Backend backend;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kon-web-run");
        t.setDaemon(true);
        return t;
    });

    BackgroundRuns(Backend backend) {
        this.backend = backend;
    }

    /** Starts run {@code runId}; {@code after} runs when it ends, however it ends. */
    void start(String runId, RunRequest req, ResultSink sink, Runnable after) {
        pool.execute(() -> {
            try {
                try (Kon kon = Kon.open(KonSettings.of(backend, req.taskQueue()))) {
                    kon.archivedRuns().run(runId, req, sink, b -> { }, new RunListener() { });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Errors of the machine (out of memory) are not caught here: they reach the process's handler.
                LOG.warn("run {} failed: {}", runId, e.toString());
            } finally {
                after.run();
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
