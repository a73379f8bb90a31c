package dev.kon.web;

import dev.kon.queue.QueueDepth;
import dev.kon.queue.TaskQueue;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the queues' depths and the recent runs' progress (while they run, and where they ended) once a
 * {@link #sample() call} (every second), and keeps the last {@value #KEEP} samples for the dashboard's and the run
 * page's charts. A sample that fails (the cloud is away) is logged and skipped; the next one tries again.
 */
final class QueueSampler {
    static final int KEEP = 600;
    static final int MAX_REPLY_QUEUES = 50;
    static final int RECENT_RUNS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(QueueSampler.class);

    /** The queues at one moment; reply queues summed. */
    record Point(long at, long waiting, long inFlight, long dead, long replies, int replyQueues) {
    }

    /** One run's progress at one moment. */
    record RunPoint(long at, long done, long failed) {
    }

    /** The latest depths of each queue. */
    record Depths(String name, QueueDepth depth) {
    }

    private final WebCloud cloud;
    private final Deque<Point> points = new ArrayDeque<>();
    private final Map<String, Deque<RunPoint>> runs = new HashMap<>();
    private List<Depths> latest = List.of();
    private int tick;
    private List<String> replyNames = List.of();

    QueueSampler(WebCloud cloud) {
        this.cloud = cloud;
    }

    void sample() {
        try {
            long now = cloud.clock().millis();
            List<Depths> depths = new ArrayList<>();
            QueueDepth task = depth(cloud.taskQueue());
            QueueDepth dead = depth(cloud.deadLetterQueue());
            depths.add(new Depths(cloud.taskQueue(), task));
            depths.add(new Depths(cloud.deadLetterQueue(), dead));
            // Requests' queue, from the sample: it is seldom deep, and asking it at each request costs a call.
            String priorityName = dev.kon.queue.QueueSpec.priorityQueueOf(cloud.taskQueue());
            QueueDepth priority = depth(priorityName);
            if (priority != null) {
                depths.add(new Depths(priorityName, priority));
            }
            // Listing queues is the dearest call here: names every 5 samples, depths every sample.
            if (tick++ % 5 == 0) {
                List<String> names = cloud.queuesNamed().apply(dev.kon.client.RunSpec.REPLY_PREFIX);
                replyNames = names.subList(0, Math.min(MAX_REPLY_QUEUES, names.size()));
            }
            long replies = 0;
            for (String name : replyNames) {
                QueueDepth d = depth(name);
                if (d != null) {
                    depths.add(new Depths(name, d));
                    replies += d.total();
                }
            }
            Point p = new Point(now, task == null ? 0 : task.visible(), task == null ? 0 : task.inFlight(),
                    dead == null ? 0 : dead.total(), replies, replyNames.size());
            List<RunRecord> recent = cloud.backend().runs().recent(RECENT_RUNS);
            synchronized (this) {
                latest = List.copyOf(depths);
                add(points, p);
                for (RunRecord r : recent) {
                    Deque<RunPoint> h = runs.get(r.runId());
                    boolean active = r.state() == RunState.SUBMITTING || r.state() == RunState.RUNNING;
                    // A run first seen finished (it ran between two samples) still gets its end as one point.
                    if (h == null) {
                        h = new ArrayDeque<>();
                        runs.put(r.runId(), h);
                    }
                    if (h != null && (active || h.isEmpty() || h.peekLast().done() != r.done())) {
                        add(h, new RunPoint(now, r.done(), r.failed()));
                    }
                }
                if (runs.size() > RECENT_RUNS * 2) {
                    runs.keySet().retainAll(recent.stream().map(RunRecord::runId).toList());
                }
            }
        } catch (Throwable e) {
            // A scheduled task that throws is never run again, silently: nothing may escape but the machine's own
            // errors, which go to the process's handler (kon ends loudly) before they end the sampling.
            if (dev.kon.FatalErrors.isFatal(e)) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
                throw e;
            }
            LOG.warn("sampling the queues failed: {}", e.toString());
        }
    }

    private QueueDepth depth(String name) {
        Optional<TaskQueue> q = cloud.backend().queues().find(name);
        return q.map(TaskQueue::depth).orElse(null);
    }

    private static <T> void add(Deque<T> d, T item) {
        d.addLast(item);
        while (d.size() > KEEP) {
            d.removeFirst();
        }
    }

    synchronized List<Point> points() {
        return List.copyOf(points);
    }

    /**
     * The queues' depths now: the task queue's and dead-letter queue's asked at once (two calls), so a page shows a
     * change without waiting for the next sample; the reply queues' (one call each) from the latest sample.
     */
    List<Depths> current() {
        List<Depths> sampled;
        synchronized (this) {
            sampled = latest;
        }
        List<Depths> now = new ArrayList<>();
        for (String name : List.of(cloud.taskQueue(), cloud.deadLetterQueue())) {
            QueueDepth d = depth(name);
            if (d != null) {
                now.add(new Depths(name, d));
            }
        }
        sampled.stream().filter(d -> !d.name().equals(cloud.taskQueue()) && !d.name().equals(cloud.deadLetterQueue()))
                .forEach(now::add);
        return now;
    }

    synchronized List<RunPoint> run(String runId) {
        Deque<RunPoint> h = runs.get(runId);
        return h == null ? List.of() : List.copyOf(h);
    }
}
