package dev.kon.bench.autoscale;

import dev.kon.fleet.FleetMember;
import dev.kon.fleet.LocalProvider;
import dev.kon.queue.QueueDepth;
import dev.kon.queue.TaskQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes the fleet and its queue every period on a thread of its own, for the chart. A look that fails (the queue
 * cannot be read for a moment) is skipped, not fatal: the chart loses a point, the benchmark goes on.
 *
 * <p>Thread-safety: start, stop and samples from one thread.
 */
final class Sampler {
    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
    private final LocalProvider fleet;
    private final TaskQueue queue;
    private final Duration every;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread = new Thread(this::loop, "kon-bench-sampler");
    private final long zeroNanos = System.nanoTime();
    private volatile boolean stopped;

    /** Samples are timed from now: make it just before the first burst. */
    Sampler(LocalProvider fleet, TaskQueue queue, Duration every) {
        this.fleet = fleet;
        this.queue = queue;
        this.every = every;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
    }

    /** The samples taken; call after {@link #stop()}. */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private void loop() {
        long next = System.nanoTime();
        while (!stopped) {
            try {
                List<FleetMember> members = fleet.members();
                QueueDepth depth = queue.depth();
                int running = (int) members.stream().filter(m -> m.state() == FleetMember.State.RUNNING).count();
                double t = (System.nanoTime() - zeroNanos) / 1e9;
                synchronized (samples) {
                    samples.add(new Sample(t, members.size(), running, depth.visible(), depth.inFlight()));
                }
            } catch (RuntimeException e) {
                LOG.debug("a sample of the fleet failed: {}", e.toString());
            }
            next += every.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
