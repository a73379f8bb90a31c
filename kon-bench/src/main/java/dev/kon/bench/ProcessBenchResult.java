package dev.kon.bench;

import dev.kon.aws.usage.ListPrices;
import dev.kon.aws.usage.OperationUsage;
import dev.kon.aws.usage.UsageSnapshot;
import java.util.Locale;
import java.util.Objects;

/**
 * What one whole-process run measured ({@link ProcessBench}). Immutable.
 *
 * @param tasks         {@code sleep 0} tasks submitted
 * @param workers       worker processes
 * @param threads       task threads per worker
 * @param seconds       the {@code kon submit} process from its start to its exit
 * @param exitCode      its exit code (0: every task succeeded)
 * @param clientMicros  its CPU time, in microseconds
 * @param cloudMicros   the local cloud process's CPU time over the same span
 * @param workerMicros  the worker processes' CPU time over the same span, together
 * @param usage         the AWS calls of the submit process (client) and of the workers
 * @param loadBefore    one-minute load average before the run
 * @param loadAfter     ... after it
 * @param cores         processors of this machine
 * @param bundle        the submit's {@code --bundle} (0: its automatic size)
 * @param warmupTasks   tasks of an untimed submit run before the measured one (0: none)
 */
public record ProcessBenchResult(long tasks, int workers, int threads, double seconds, int exitCode,
        double clientMicros, double cloudMicros, double workerMicros, CellUsage usage, double loadBefore,
        double loadAfter, int cores, int bundle, long warmupTasks) {
    /** The targets, printed beside the figures for context. */
    static final double TARGET_TASKS_PER_SECOND = 20_000;
    static final double TARGET_MICROS_PER_TASK = 60;
    static final double TARGET_UNITS_PER_TASK = 0.02;

    public ProcessBenchResult {
        Objects.requireNonNull(usage, "usage");
    }

    /** A result with the submit's automatic bundle size and no warm-up. */
    public ProcessBenchResult(long tasks, int workers, int threads, double seconds, int exitCode, double clientMicros,
            double cloudMicros, double workerMicros, CellUsage usage, double loadBefore, double loadAfter, int cores) {
        this(tasks, workers, threads, seconds, exitCode, clientMicros, cloudMicros, workerMicros, usage, loadBefore,
                loadAfter, cores, 0, 0);
    }

    public double tasksPerSecond() {
        return tasks / seconds;
    }

    public double totalMicros() {
        return clientMicros + cloudMicros + workerMicros;
    }

    /** The markdown report: the figures, the cores each part kept busy, and the AWS calls per operation. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# Kon as processes: %,d `sleep 0` tasks, %d workers x %d thread%s%n%n",
                tasks, workers, threads, threads == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "- machine: %d cores; load %.1f before, %.1f after%n", cores,
                loadBefore, loadAfter));
        sb.append("- `kon cloud start` (its own JVM), ").append(workers).append(" `kon worker` processes, one `kon "
                + "submit` timed from its start to its exit (JVM start, workload check and clean-up included)\n");
        sb.append("- bundle size: ").append(bundle == 0 ? "kon submit's automatic one" : "--bundle " + bundle)
                .append(warmupTasks == 0 ? "; no warm-up (cloud and workers just started)\n"
                        : String.format(Locale.ROOT, "; after an untimed warm-up submit of %,d tasks%n", warmupTasks));
        if (exitCode != 0) {
            sb.append(String.format(Locale.ROOT, "- **kon submit exited with %d: not every task succeeded**%n",
                    exitCode));
        }
        sb.append('\n');
        sb.append("| figure | measured | target |\n|---|--:|--:|\n");
        row(sb, "whole submit process (s)", String.format(Locale.ROOT, "%.2f", seconds), "");
        row(sb, "tasks/s of the whole submit process", String.format(Locale.ROOT, "%,.0f", tasksPerSecond()),
                String.format(Locale.ROOT, ">= %,.0f", TARGET_TASKS_PER_SECOND));
        cpu(sb, "CPU per task, client (`kon submit`)", clientMicros);
        cpu(sb, "CPU per task, local cloud", cloudMicros);
        cpu(sb, "CPU per task, workers (all " + workers + ")", workerMicros);
        row(sb, "CPU per task, in all (us)", String.format(Locale.ROOT, "%.1f", totalMicros() / tasks),
                String.format(Locale.ROOT, "<= %.0f", TARGET_MICROS_PER_TASK));
        row(sb, "bytes per task on the wire: task bodies", String.format(Locale.ROOT, "%.1f",
                usage.taskBytesPerTask()), "");
        row(sb, "bytes per task on the wire: result bodies", usage.workersCounted()
                ? String.format(Locale.ROOT, "%.1f", usage.resultBytesPerTask()) : "not counted", "");
        row(sb, "bytes per task in S3: the run record", String.format(Locale.ROOT, "%.1f",
                usage.recordBytesPerTask()), "");
        row(sb, "billable units per task: SQS", units(usage.perTask(CellUsage.SQS)), "");
        row(sb, "billable units per task: DynamoDB", units(usage.perTask(CellUsage.DYNAMODB)), "");
        row(sb, "billable units per task: S3", units(usage.perTask(CellUsage.S3)), "");
        row(sb, "billable units per task: total" + (usage.workersCounted() ? "" : " (client only)"),
                units(usage.totalPerTask()), String.format(Locale.ROOT, "<= %.2f", TARGET_UNITS_PER_TASK));
        row(sb, "cost of a million tasks on AWS", String.format(Locale.ROOT, "$%.4f", usage.usdPerMillionTasks()),
                "");
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "Cores kept busy over the %.2f s: client %.2f, local cloud %.2f, workers "
                + "%.2f, in all %.2f of %d.%n%n", seconds, busy(clientMicros), busy(cloudMicros), busy(workerMicros),
                busy(totalMicros()), cores));
        operations(sb, "client", usage.client());
        if (usage.workersCounted()) {
            operations(sb, "workers", usage.workers());
        }
        sb.append("Prices: ").append(ListPrices.SOURCE).append(".\n");
        return sb.toString();
    }

    private void cpu(StringBuilder sb, String label, double micros) {
        row(sb, label + " (us)", String.format(Locale.ROOT, "%.1f", micros / tasks), "");
    }

    private double busy(double micros) {
        return micros / 1e6 / seconds;
    }

    private static String units(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static void row(StringBuilder sb, String label, String value, String target) {
        sb.append("| ").append(label).append(" | ").append(value).append(" | ").append(target).append(" |\n");
    }

    private void operations(StringBuilder sb, String who, UsageSnapshot s) {
        sb.append("AWS calls of the ").append(who).append(":\n\n");
        sb.append("| operation | calls | calls/task | billed as | units/task | payload sent/task (B) |\n");
        sb.append("|---|--:|--:|---|--:|--:|\n");
        for (OperationUsage o : s.operations()) {
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %.5f | %s | %.5f | %.1f |%n", o.key(), o.requests(),
                    (double) o.requests() / tasks, o.kind().label(), o.units() / tasks, (double) o.bytesSent() / tasks));
        }
        sb.append('\n');
    }
}
