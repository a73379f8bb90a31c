package dev.kon.bench;

import dev.kon.aws.usage.UsageKind;
import dev.kon.aws.usage.UsageSnapshot;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a cell's AWS calls would be billed on AWS, from the usage meters ({@link dev.kon.aws.usage.UsageMeter}) of
 * the client and of the worker processes. Immutable.
 *
 * @param tasks   the cell's tasks, to divide by
 * @param client  the client's calls during the cell
 * @param workers the workers' calls during the cell, or null when they were not counted (external workers, or
 *                their usage files could not be read)
 */
public record CellUsage(long tasks, UsageSnapshot client, UsageSnapshot workers) {
    public static final Set<UsageKind> SQS = EnumSet.of(UsageKind.SQS_REQUEST);
    public static final Set<UsageKind> DYNAMODB = EnumSet.of(UsageKind.DYNAMODB_WRITE, UsageKind.DYNAMODB_READ);
    public static final Set<UsageKind> S3 = EnumSet.of(UsageKind.S3_PUT_CLASS, UsageKind.S3_GET_CLASS);
    private static final String SQS_SERVICE = "Sqs";

    public CellUsage {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1, was " + tasks);
        }
        Objects.requireNonNull(client, "client");
    }

    public boolean workersCounted() {
        return workers != null;
    }

    /** The client's and the workers' calls together (the client's alone when the workers were not counted). */
    public UsageSnapshot total() {
        return workers == null ? client : client.plus(workers);
    }

    /** Billable units of these kinds per task. */
    public double perTask(Set<UsageKind> kinds) {
        return total().units(kinds) / tasks;
    }

    /** Billable units of every kind per task. */
    public double totalPerTask() {
        return total().billableUnits() / tasks;
    }

    /** What a million tasks would cost at the list prices, in US dollars. */
    public double usdPerMillionTasks() {
        return total().costUsd() / tasks * 1_000_000;
    }

    /** SQS payload the client sent (task bundles) per task, in bytes. */
    public double taskBytesPerTask() {
        return (double) client.bytesSent(SQS_SERVICE) / tasks;
    }

    /** What the client uploaded to S3 per task (the run record's result files), in bytes. */
    public double recordBytesPerTask() {
        return (double) client.bytesSent("S3") / tasks;
    }

    /** SQS payload the workers sent (result batches) per task, in bytes; NaN when they were not counted. */
    public double resultBytesPerTask() {
        return workers == null ? Double.NaN : (double) workers.bytesSent(SQS_SERVICE) / tasks;
    }

    /** {@code 0.0123 billable units/task (SQS 0.0100, DynamoDB 0.0023, S3 0.0000), $0.0050 per million tasks}. */
    public String summary() {
        return String.format(Locale.ROOT, "%.4f billable units/task (SQS %.4f, DynamoDB %.4f, S3 %.4f), $%.4f per "
                + "million tasks%s", totalPerTask(), perTask(SQS), perTask(DYNAMODB), perTask(S3),
                usdPerMillionTasks(), workersCounted() ? "" : ", client only");
    }
}
