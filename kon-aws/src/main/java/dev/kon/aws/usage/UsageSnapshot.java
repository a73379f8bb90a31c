package dev.kon.aws.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Usage counted up to a moment, one row per operation, sorted by service and operation. Immutable; snapshots of
 * one meter subtract ({@link #minus}) to give what happened between them, and snapshots of several processes add
 * ({@link #plus}).
 *
 * <p>As text ({@link #toTsv}, {@link #parseTsv}): a header line, then one tab-separated line per operation:
 * {@code service operation kind requests units bytes_sent bytes_received}, kind as {@link UsageKind#code()}.
 */
public record UsageSnapshot(List<OperationUsage> operations) {
    // before EMPTY: the constructor sorts with it
    private static final Comparator<OperationUsage> ORDER = Comparator.comparing(OperationUsage::service)
            .thenComparing(OperationUsage::operation);
    public static final UsageSnapshot EMPTY = new UsageSnapshot(List.of());
    public static final String HEADER = "service\toperation\tkind\trequests\tunits\tbytes_sent\tbytes_received";

    public UsageSnapshot {
        operations = operations.stream().sorted(ORDER).toList();
    }

    /** Billable units of these kinds. */
    public double units(Set<UsageKind> kinds) {
        return operations.stream().filter(o -> kinds.contains(o.kind())).mapToDouble(OperationUsage::units).sum();
    }

    /** Billable units of every kind but {@link UsageKind#FREE}: SQS requests, DynamoDB units, S3 requests. */
    public double billableUnits() {
        return operations.stream().filter(o -> o.kind() != UsageKind.FREE).mapToDouble(OperationUsage::units).sum();
    }

    /** Calls counted, billed or not. */
    public long requests() {
        return operations.stream().mapToLong(OperationUsage::requests).sum();
    }

    /** Message payload sent to {@code service} ({@code Sqs}). */
    public long bytesSent(String service) {
        return operations.stream().filter(o -> o.service().equals(service)).mapToLong(OperationUsage::bytesSent)
                .sum();
    }

    /** Message payload received from {@code service}. */
    public long bytesReceived(String service) {
        return operations.stream().filter(o -> o.service().equals(service))
                .mapToLong(OperationUsage::bytesReceived).sum();
    }

    /** What the units cost at {@link ListPrices}, in US dollars. */
    public double costUsd() {
        return operations.stream().mapToDouble(o -> o.units() * ListPrices.perUnit(o.kind())).sum();
    }

    /** This snapshot's counts and {@code other}'s together (two processes). */
    public UsageSnapshot plus(UsageSnapshot other) {
        return combine(other, 1);
    }

    /** What was counted since {@code earlier}, a snapshot of the same meter taken before this one. */
    public UsageSnapshot minus(UsageSnapshot earlier) {
        return combine(earlier, -1);
    }

    private UsageSnapshot combine(UsageSnapshot other, int sign) {
        Map<String, OperationUsage> rows = new LinkedHashMap<>();
        for (OperationUsage o : operations) {
            rows.put(o.key(), o);
        }
        for (OperationUsage o : other.operations) {
            OperationUsage zero = new OperationUsage(o.service(), o.operation(), o.kind(), 0, 0, 0, 0);
            rows.put(o.key(), rows.getOrDefault(o.key(), zero).plus(o, sign));
        }
        return new UsageSnapshot(rows.values().stream().filter(o -> !o.isZero()).toList());
    }

    /** The header and one line per operation, each ending in a newline. */
    public String toTsv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (OperationUsage o : operations) {
            sb.append(o.service()).append('\t').append(o.operation()).append('\t').append(o.kind().code())
                    .append('\t').append(o.requests()).append('\t').append(number(o.units())).append('\t')
                    .append(o.bytesSent()).append('\t').append(o.bytesReceived()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads what {@link #toTsv} wrote; lines starting with {@code #} and blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line when one is not a usage row
     */
    public static UsageSnapshot parseTsv(String text) {
        List<OperationUsage> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals(HEADER)) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f.length != 7) {
                    throw new IllegalArgumentException("7 tab-separated fields expected, found " + f.length);
                }
                rows.add(new OperationUsage(f[0], f[1], UsageKind.ofCode(f[2]), Long.parseLong(f[3]),
                        Double.parseDouble(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("usage line " + (i + 1) + " ('" + UsageKind.shorten(line)
                        + "'): " + e.getMessage(), e);
            }
        }
        return new UsageSnapshot(rows);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
