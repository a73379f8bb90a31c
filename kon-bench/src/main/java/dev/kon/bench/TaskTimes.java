package dev.kon.bench;

import dev.kon.client.ResultSink;
import dev.kon.task.TaskResult;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where an efficiency cell's time went, from the start and end times its results carry: how long each task took
 * against the sleep it was asked for, how far apart the workers began, and how much of each worker's span was
 * spent between tasks. A result sink for the benchmark's client; thread-safe.
 */
final class TaskTimes implements ResultSink {
    /** One worker thread's tasks: how many, time inside them, first start and last end (epoch ms). */
    private static final class Span {
        long tasks;
        long busyMillis;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
    }

    private final Map<String, Span> byWorker = new HashMap<>();

    @Override
    public synchronized void accept(TaskResult r) {
        Span s = byWorker.computeIfAbsent(r.worker(), k -> new Span());
        s.tasks++;
        s.busyMillis += Math.max(0, r.endMs() - r.startMs());
        s.first = Math.min(s.first, r.startMs());
        s.last = Math.max(s.last, r.endMs());
    }

    /**
     * {@code each 10 ms task took 10.62-10.75 ms (+6.2 to +7.5 %); workers began 0-210 ms apart; between tasks
     * 0-41 ms a worker; 1,000-1,000 tasks a worker}; empty when no result came.
     */
    synchronized String summary(long sleepMillis) {
        if (byWorker.isEmpty()) {
            return "";
        }
        double minTask = Double.MAX_VALUE;
        double maxTask = 0;
        long minIdle = Long.MAX_VALUE;
        long maxIdle = 0;
        long firstStart = Long.MAX_VALUE;
        long lastStart = Long.MIN_VALUE;
        long minTasks = Long.MAX_VALUE;
        long maxTasks = 0;
        for (Span s : byWorker.values()) {
            double perTask = (double) s.busyMillis / s.tasks;
            minTask = Math.min(minTask, perTask);
            maxTask = Math.max(maxTask, perTask);
            long idle = Math.max(0, s.last - s.first - s.busyMillis);
            minIdle = Math.min(minIdle, idle);
            maxIdle = Math.max(maxIdle, idle);
            firstStart = Math.min(firstStart, s.first);
            lastStart = Math.max(lastStart, s.first);
            minTasks = Math.min(minTasks, s.tasks);
            maxTasks = Math.max(maxTasks, s.tasks);
        }
        String stretch = sleepMillis <= 0 ? "" : String.format(Locale.ROOT, " (%+.1f to %+.1f %%)",
                100 * (minTask / sleepMillis - 1), 100 * (maxTask / sleepMillis - 1));
        return String.format(Locale.ROOT, "each %d ms task took %.2f-%.2f ms%s; workers began 0-%d ms apart; "
                + "between tasks %d-%d ms a worker; %,d-%,d tasks a worker", sleepMillis, minTask, maxTask, stretch,
                lastStart - firstStart, minIdle, maxIdle, minTasks, maxTasks);
    }
}
