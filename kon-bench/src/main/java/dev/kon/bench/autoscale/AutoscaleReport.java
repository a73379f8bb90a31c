package dev.kon.bench.autoscale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code kon bench autoscale} prints and keeps: the table of bursts per policy, the goals met or not, the text
 * chart; and in its folder {@code table.md} (the same text), {@code results.csv} (one row per policy and burst),
 * {@code timeline.csv} (every sample) and {@code timeline.svg} (the chart).
 *
 * @param results per policy, in the order run
 * @param goals   the goals checked on them
 * @param setting one line on what ran where (plan, machine, load)
 */
public record AutoscaleReport(AutoscalePlan plan, List<PolicyResult> results, List<Goals.Goal> goals,
        String setting) {
    public AutoscaleReport {
        results = List.copyOf(results);
        goals = List.copyOf(goals);
    }

    public boolean complete() {
        return results.size() == plan.policies().size() && results.stream().allMatch(PolicyResult::complete);
    }

    /** The table, the goals and the chart, as printed. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(setting).append("\n\n");
        sb.append("| policy | burst | time (s) | worker-seconds | results |\n|---|---:|---:|---:|---:|\n");
        for (PolicyResult r : results) {
            for (int b = 0; b < r.bursts().size(); b++) {
                BurstResult br = r.bursts().get(b);
                sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %,.0f | %,d of %,d |%n", r.policy().label(),
                        b + 1, br.seconds(), br.workerSeconds(), br.results(), br.tasks()));
            }
        }
        double fixedMax = results.stream().filter(r -> r.policy().equals(FleetPolicy.fixed(plan.max())))
                .mapToDouble(PolicyResult::workerSeconds).findFirst().orElse(Double.NaN);
        double work = plan.bursts() * plan.burstWorkMs() / 1000.0;
        sb.append("\n| policy | bursts' time (s) | worker-seconds | of the fixed ").append(plan.max())
                .append("'s | busy share | processes started |\n|---|---:|---:|---:|---:|---:|\n");
        for (PolicyResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f | %.0f %% | %.0f %% | %d |%n",
                    r.policy().label(), r.burstSeconds(), r.workerSeconds(), 100 * r.workerSeconds() / fixedMax,
                    100 * work / r.workerSeconds(), r.launches()));
        }
        sb.append(String.format(Locale.ROOT, "%nbusy share = the tasks' sleeps (%,.0f s) / worker-seconds: the rest "
                + "is starting JVMs, idle workers and draining.%n%nGoals:%n", work));
        goals.forEach(g -> sb.append("  ").append(g.render()).append('\n'));
        sb.append('\n').append(TimelineCharts.text(results, plan.max()));
        return sb.toString();
    }

    /** Writes the files into {@code dir}. */
    public void write(Path dir) {
        StringBuilder csv = new StringBuilder("policy,burst,seconds,worker_seconds,results,tasks\n");
        StringBuilder timeline = new StringBuilder("policy,seconds,alive,running,waiting,in_flight\n");
        for (PolicyResult r : results) {
            for (int b = 0; b < r.bursts().size(); b++) {
                BurstResult br = r.bursts().get(b);
                csv.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.1f,%d,%d%n", r.policy().slug(), b + 1,
                        br.seconds(), br.workerSeconds(), br.results(), br.tasks()));
            }
            for (Sample s : r.samples()) {
                timeline.append(String.format(Locale.ROOT, "%s,%.2f,%d,%d,%d,%d%n", r.policy().slug(), s.seconds(),
                        s.alive(), s.running(), s.waiting(), s.inFlight()));
            }
        }
        String title = String.format(Locale.ROOT, "%d bursts of %,d x sleep %d ms, %d s apart: workers and queue "
                + "depth", plan.bursts(), plan.tasks(), plan.sleepMs(), plan.gap().toSeconds());
        writeFile(dir.resolve("table.md"), "# kon bench autoscale\n\n" + render());
        writeFile(dir.resolve("results.csv"), csv.toString());
        writeFile(dir.resolve("timeline.csv"), timeline.toString());
        writeFile(dir.resolve("timeline.svg"), TimelineCharts.svg(results, plan.max(), title));
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
