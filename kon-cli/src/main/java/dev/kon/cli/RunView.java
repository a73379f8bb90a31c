package dev.kon.cli;

import dev.kon.runs.RunRecord;
import dev.kon.view.RunJson;
import dev.kon.view.RunProgress;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How {@code kon runs} and {@code kon status} show a run: rate and ETA derived from the record, text for people and
 * JSON for scripts. The JSON fields are documented in the README ("Watching runs").
 */
final class RunView {
    private final RunRecord run;
    private final Instant now;
    /** The live workers holding its bundles, for {@code kon status}; null when not looked up or not readable. */
    private final List<WorkerRecord> workers;

    RunView(RunRecord run, Instant now) {
        this(run, now, null);
    }

    RunView(RunRecord run, Instant now, List<WorkerRecord> workers) {
        this.run = run;
        this.now = now;
        this.workers = workers;
    }

    /** Tasks done per second, from the first submit to the last completed bundle; 0 before any. */
    double rate() {
        return new RunProgress(run, now).rate();
    }

    /** Time left at the current rate, or null when it cannot be told (nothing done yet, or finished). */
    Duration eta() {
        return new RunProgress(run, now).eta();
    }

    double percent() {
        return new RunProgress(run, now).percent();
    }

    /** One line of the {@code kon runs} table. */
    String row() {
        return String.format(Locale.ROOT, "%-22s %-10s %13s %6.1f%% %8s %10s %8s  %s", run.runId(),
                run.state().name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT, "%,d/%,d", run.done(),
                        run.tasks()), percent(), String.format(Locale.ROOT, "%,d", run.failed()), rateText(),
                age(Duration.between(run.submittedAt(), now)), run.workload());
    }

    static String header() {
        return String.format(Locale.ROOT, "%-22s %-10s %13s %7s %8s %10s %8s  %s", "RUN", "STATE", "DONE/TASKS",
                "", "FAILED", "RATE", "AGE", "WORKLOAD");
    }

    /** The {@code kon status} text: a progress bar and every figure. */
    String detail() {
        int width = 40;
        int filled = (int) Math.round(width * Math.min(100, percent()) / 100);
        Duration eta = eta();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "run %s  %s%n", run.runId(), run.state().name().toLowerCase(Locale.ROOT)));
        sb.append(String.format(Locale.ROOT, "  [%s%s] %.1f%%%n", "#".repeat(filled), ".".repeat(width - filled),
                percent()));
        sb.append(String.format(Locale.ROOT, "  tasks       %,d (sent %,d in %,d bundles)%n", run.tasks(), run.sent(),
                run.bundles()));
        sb.append(String.format(Locale.ROOT, "  done        %,d (succeeded %,d, failed %,d)%n", run.done(),
                run.succeeded(), run.failed()));
        sb.append(String.format(Locale.ROOT, "  rate        %s%n", rateText()));
        sb.append(String.format(Locale.ROOT, "  eta         %s%n", eta == null ? "-" : age(eta)));
        sb.append(String.format(Locale.ROOT, "  submitted   %s from %s (%s ago)%n", run.submittedAt(), run.from(),
                age(Duration.between(run.submittedAt(), now))));
        sb.append(String.format(Locale.ROOT, "  last change %s (%s ago)%n", run.lastActivity(),
                age(Duration.between(run.lastActivity(), now))));
        sb.append(String.format(Locale.ROOT, "  workload    %s on queue %s%n", run.workload().isEmpty() ? "-"
                : run.workload(), run.taskQueue()));
        if (!run.origin().retryOf().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  retries     the failed tasks of run %s%n", run.origin().retryOf()));
        }
        if (run.failed() > 0) {
            sb.append(String.format(Locale.ROOT, "  failures    kon failures %s; kon retry %s --failed%n", run.runId(),
                    run.runId()));
        }
        if (workers == null) {
            sb.append(String.format(Locale.ROOT, "  workers     unknown (the worker registry could not be read)%n"));
        } else if (workers.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  workers     none holds its bundles now%n"));
        } else {
            sb.append(String.format(Locale.ROOT, "  workers     %d%n", workers.size()));
            for (WorkerRecord w : workers) {
                sb.append(String.format(Locale.ROOT, "    %s%n", new WorkerView(w, now, WorkerRegistry.LOST_AFTER)
                        .brief()));
            }
        }
        return sb.toString();
    }

    private String rateText() {
        double r = rate();
        return r == 0 ? "-" : String.format(Locale.ROOT, "%,.0f/s", r);
    }

    /** A duration as a person reads it: {@code 45s}, {@code 12m}, {@code 3h05m}, {@code 2d04h}. */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : String.format(Locale.ROOT, "%02ds", s % 60));
        }
        if (s < 86_400) {
            return s / 3600 + "h" + String.format(Locale.ROOT, "%02dm", s % 3600 / 60);
        }
        return s / 86_400 + "d" + String.format(Locale.ROOT, "%02dh", s % 86_400 / 3600);
    }

    /** One run as a JSON object ({@link RunJson}). */
    String json() {
        // kon status: the live workers holding the run, null when the worker registry could not be read.
        return RunJson.of(run, now, workers, WorkerRegistry.LOST_AFTER);
    }

    /** Runs as a JSON array of objects. */
    static String json(List<RunRecord> runs, Instant now) {
        return RunJson.of(runs, now);
    }
}
