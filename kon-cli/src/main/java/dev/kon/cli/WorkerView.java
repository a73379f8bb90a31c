package dev.kon.cli;

import dev.kon.view.WorkerJson;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How {@code kon workers} and {@code kon status} show a worker's heartbeat: its status as a reader judges it at
 * {@code now} ({@code lost} when a worker that did not stop was not seen for {@code lostAfter}), text for people
 * and JSON for scripts. The JSON fields are documented in the README ("Watching workers").
 */
final class WorkerView {
    /** Run ids a table row shows before it says how many more there are. */
    private static final int RUNS_SHOWN = 2;
    private final WorkerRecord worker;
    private final Instant now;
    private final Duration lostAfter;

    WorkerView(WorkerRecord worker, Instant now, Duration lostAfter) {
        this.worker = worker;
        this.now = now;
        this.lostAfter = lostAfter;
    }

    /** running, draining, stopped or lost. */
    String status() {
        return WorkerJson.status(worker, now, lostAfter);
    }

    /** Live workers first (running, then draining), then lost, then stopped; each by id. */
    static List<WorkerRecord> sorted(List<WorkerRecord> workers, Instant now, Duration lostAfter) {
        return workers.stream().sorted(Comparator.comparingInt((WorkerRecord w) -> rank(w, now, lostAfter))
                .thenComparing(WorkerRecord::workerId)).toList();
    }

    private static int rank(WorkerRecord w, Instant now, Duration lostAfter) {
        if (w.lostAt(now, lostAfter)) {
            return 2;
        }
        return w.status() == WorkerStatus.RUNNING ? 0 : w.status() == WorkerStatus.DRAINING ? 1 : 3;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-28s %-16s %7s %7s %-14s %-8s %9s %8s %-24s %s", "WORKER", "HOST", "PID",
                "THREADS", "QUEUE", "STATUS", "DONE", "RATE", "RUNS", "SEEN");
    }

    /** One line of the {@code kon workers} table. */
    String row() {
        List<String> runs = worker.runs();
        String shown = runs.isEmpty() ? "-" : String.join(",", runs.subList(0, Math.min(RUNS_SHOWN, runs.size())))
                + (runs.size() > RUNS_SHOWN ? " +" + (runs.size() - RUNS_SHOWN) : "");
        return String.format(Locale.ROOT, "%-28s %-16s %7d %7d %-14s %-8s %,9d %8s %-24s %s ago", worker.workerId(),
                worker.host(), worker.pid(), worker.threads(), worker.queue(), status(), worker.tasksDone(),
                rateText(), shown, RunView.age(Duration.between(worker.lastSeen(), now)));
    }

    /** A short line for {@code kon status}: who, where, how busy. */
    String brief() {
        return String.format(Locale.ROOT, "%s (%d threads, %s, seen %s ago)", worker.workerId(), worker.threads(),
                rateText(), RunView.age(Duration.between(worker.lastSeen(), now)));
    }

    private String rateText() {
        return worker.tasksPerSecond() == 0 ? "-"
                : String.format(Locale.ROOT, worker.tasksPerSecond() < 10 ? "%.1f/s" : "%,.0f/s",
                        worker.tasksPerSecond());
    }

    /** Workers as a JSON array of objects ({@link WorkerJson}). */
    static String json(List<WorkerRecord> workers, Instant now, Duration lostAfter) {
        return WorkerJson.of(workers, now, lostAfter);
    }
}
