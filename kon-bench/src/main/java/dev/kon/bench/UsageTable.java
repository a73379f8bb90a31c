package dev.kon.bench;

import dev.kon.aws.usage.ListPrices;
import java.util.List;
import java.util.Locale;

/**
 * The markdown table printed under each cloud table: per cell, the billable AWS units per task (SQS requests,
 * DynamoDB write and read units, S3 requests; the client's and the workers' together), what a million tasks would
 * cost at {@link ListPrices}, and the SQS payload per task. Stateless.
 */
final class UsageTable {
    private UsageTable() {
    }

    /** Appends the table for {@code rows}; nothing when none of them counted usage. */
    static void append(StringBuilder sb, List<CellResult> rows) {
        if (rows.stream().noneMatch(r -> r.usage() != null)) {
            return;
        }
        sb.append("What it would cost on AWS: billable units per task (SQS requests, each 64 KiB of payload one; "
                + "DynamoDB write and read units; S3 requests), client and workers together, counted by the usage "
                + "meter; bytes are SQS message payload sent per task.\n\n");
        sb.append("| workers | SQS | DynamoDB | S3 | total units/task | $ per million tasks | task bytes/task "
                + "| result bytes/task |\n");
        sb.append("|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        boolean clientOnly = false;
        for (CellResult r : rows) {
            CellUsage u = r.usage();
            if (u == null) {
                sb.append(String.format(Locale.ROOT, "| %d | | | | | | | |%n", r.cell().workers()));
                continue;
            }
            String mark = u.workersCounted() ? "" : " \\*";
            clientOnly |= !u.workersCounted();
            sb.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.4f%s | $%.4f | %.0f | %s |%n",
                    r.cell().workers(), u.perTask(CellUsage.SQS), u.perTask(CellUsage.DYNAMODB),
                    u.perTask(CellUsage.S3), u.totalPerTask(), mark, u.usdPerMillionTasks(), u.taskBytesPerTask(),
                    u.workersCounted() ? String.format(Locale.ROOT, "%.0f", u.resultBytesPerTask()) : ""));
        }
        sb.append('\n');
        if (clientOnly) {
            sb.append("\\* the client's calls only: the workers' were not counted (external workers, or a cell cut "
                    + "short).\n\n");
        }
        sb.append("Prices: ").append(ListPrices.SOURCE).append(".\n\n");
    }
}
