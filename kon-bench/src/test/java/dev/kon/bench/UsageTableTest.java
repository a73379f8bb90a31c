package dev.kon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.usage.OperationUsage;
import dev.kon.aws.usage.UsageKind;
import dev.kon.aws.usage.UsageSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost lines beside cloud tables, from made-up counts. */
class UsageTableTest {
    private static final long TASKS = 10_000;
    private static final UsageSnapshot CLIENT = new UsageSnapshot(List.of(
            new OperationUsage("Sqs", "SendMessageBatch", UsageKind.SQS_REQUEST, 10, 10, 500_000, 0),
            new OperationUsage("Sqs", "ReceiveMessage", UsageKind.SQS_REQUEST, 20, 20, 0, 900_000),
            new OperationUsage("S3", "PutObject", UsageKind.S3_PUT_CLASS, 2, 2, 0, 0)));
    private static final UsageSnapshot WORKERS = new UsageSnapshot(List.of(
            new OperationUsage("Sqs", "SendMessageBatch", UsageKind.SQS_REQUEST, 10, 20, 900_000, 0),
            new OperationUsage("DynamoDb", "TransactWriteItems", UsageKind.DYNAMODB_WRITE, 5, 100, 0, 0),
            new OperationUsage("DynamoDb", "DescribeTable", UsageKind.FREE, 1, 0, 0, 0)));

    private static BenchResults cloudRun(CellUsage usage) {
        Cell cell = new Cell(BenchKind.THROUGHPUT, BenchMode.CLOUD, 2, TASKS, 0);
        CellResult r = new CellResult(cell, 1.0, TASKS, Double.NaN, TASKS, 0, usage);
        return new BenchResults(BenchPlan.throughput(BenchMode.CLOUD, false, List.of(2), TASKS), "here",
                Instant.EPOCH, List.of(r));
    }

    @Test
    void cellUsage_addsClientAndWorkers_perTaskAndAtListPrices() {
        CellUsage u = new CellUsage(TASKS, CLIENT, WORKERS);

        assertThat(u.perTask(CellUsage.SQS)).isEqualTo(50.0 / TASKS);
        assertThat(u.perTask(CellUsage.DYNAMODB)).isEqualTo(100.0 / TASKS);
        assertThat(u.perTask(CellUsage.S3)).isEqualTo(2.0 / TASKS);
        assertThat(u.totalPerTask()).isEqualTo(152.0 / TASKS);
        // per million tasks: 5,000 SQS requests, 10,000 write units, 200 PUTs
        assertThat(u.usdPerMillionTasks()).isCloseTo(5_000 * 0.40e-6 + 10_000 * 0.625e-6 + 200 * 0.005e-3,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(u.taskBytesPerTask()).isEqualTo(50.0);
        assertThat(u.resultBytesPerTask()).isEqualTo(90.0);
    }

    @Test
    void render_cloudThroughput_printsUnitsPerTaskAndCostUnderTheTable() {
        String table = ResultsTable.render(cloudRun(new CellUsage(TASKS, CLIENT, WORKERS)));

        assertThat(table).contains("| workers | SQS | DynamoDB | S3 | total units/task | $ per million tasks |",
                "| 2 | 0.0050 | 0.0100 | 0.0002 | 0.0152 | $0.0093 | 50 | 90 |", "Prices: AWS list prices");
        assertThat(ResultsCsv.lines(cloudRun(new CellUsage(TASKS, CLIENT, WORKERS))).get(1))
                .endsWith(",0.005000,0.010000,0.000200,0.015200,0.009250");
    }

    @Test
    void render_withoutWorkersCounted_marksTheRowClientOnly() {
        String table = ResultsTable.render(cloudRun(new CellUsage(TASKS, CLIENT, null)));

        assertThat(table).contains("| 2 | 0.0030 | 0.0000 | 0.0002 | 0.0032 \\* |", "the client's calls only");
    }

    @Test
    void render_localRun_hasNoCostTable() {
        Cell cell = new Cell(BenchKind.THROUGHPUT, BenchMode.LOCAL, 1, TASKS, 0);
        BenchResults local = new BenchResults(BenchPlan.throughput(BenchMode.LOCAL, false, List.of(1), TASKS),
                "here", Instant.EPOCH, List.of(new CellResult(cell, 1.0, TASKS, Double.NaN, TASKS, 0, null)));

        assertThat(ResultsTable.render(local)).doesNotContain("per million tasks");
    }
}
