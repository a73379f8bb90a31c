package dev.kon.aws.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageSnapshotTest {
    private static OperationUsage sends(long requests, double units, long bytes) {
        return new OperationUsage("Sqs", "SendMessageBatch", UsageKind.SQS_REQUEST, requests, units, bytes, 0);
    }

    private static final OperationUsage WRITES = new OperationUsage("DynamoDb", "TransactWriteItems",
            UsageKind.DYNAMODB_WRITE, 3, 60, 0, 0);
    private static final OperationUsage TABLES = new OperationUsage("DynamoDb", "DescribeTable", UsageKind.FREE,
            2, 0, 0, 0);

    @Test
    void minus_ofAnEarlierSnapshot_leavesWhatHappenedBetween() {
        UsageSnapshot before = new UsageSnapshot(List.of(sends(2, 2, 100), TABLES));
        UsageSnapshot after = new UsageSnapshot(List.of(sends(5, 7, 900), TABLES, WRITES));

        UsageSnapshot between = after.minus(before);

        assertThat(between.operations()).containsExactly(WRITES, sends(3, 5, 800));
        assertThat(between.billableUnits()).isEqualTo(65);
        assertThat(between.units(EnumSet.of(UsageKind.SQS_REQUEST))).isEqualTo(5);
        assertThat(between.bytesSent("Sqs")).isEqualTo(800);
    }

    @Test
    void plus_addsTwoProcessesRowByRow() {
        UsageSnapshot sum = new UsageSnapshot(List.of(sends(1, 1, 10)))
                .plus(new UsageSnapshot(List.of(sends(2, 3, 20), WRITES)));

        assertThat(sum.operations()).containsExactly(WRITES, sends(3, 4, 30));
        assertThat(sum.requests()).isEqualTo(6);
    }

    @Test
    void costUsd_pricesEachKindAtItsListPrice() {
        UsageSnapshot s = new UsageSnapshot(List.of(sends(1_000_000, 1_000_000, 0), WRITES));

        assertThat(s.costUsd()).isCloseTo(0.40 + 60 * 0.625 / 1_000_000, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void tsv_roundTrips_halfUnitsIncluded() {
        OperationUsage reads = new OperationUsage("DynamoDb", "GetItem", UsageKind.DYNAMODB_READ, 3, 1.5, 0, 0);
        UsageSnapshot s = new UsageSnapshot(List.of(sends(4, 9, 123_456), WRITES, TABLES, reads));

        assertThat(UsageSnapshot.parseTsv(s.toTsv())).isEqualTo(s);
        assertThat(s.toTsv()).startsWith(UsageSnapshot.HEADER + "\n")
                .contains("Sqs\tSendMessageBatch\tsqs\t4\t9\t123456\t0\n", "GetItem\tddb-read\t3\t1.5\t");
    }

    @Test
    void parseTsv_aLineWithTooFewFields_isRefusedNamingTheLine() {
        assertThatThrownBy(() -> UsageSnapshot.parseTsv(UsageSnapshot.HEADER + "\nSqs\tReceiveMessage\tsqs\t1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage line 2");
    }
}
