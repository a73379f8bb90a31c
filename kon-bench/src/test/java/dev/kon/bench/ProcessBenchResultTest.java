package dev.kon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.usage.OperationUsage;
import dev.kon.aws.usage.UsageKind;
import dev.kon.aws.usage.UsageSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessBenchResultTest {
    @Test
    void render_dividesCpuAndUnitsByTasks_andShowsCoresKeptBusy() {
        UsageSnapshot client = new UsageSnapshot(List.of(
                new OperationUsage("Sqs", "SendMessageBatch", UsageKind.SQS_REQUEST, 100, 100, 5_000_000, 0)));
        UsageSnapshot workers = new UsageSnapshot(List.of(
                new OperationUsage("DynamoDb", "TransactWriteItems", UsageKind.DYNAMODB_WRITE, 50, 2_000, 0, 0),
                new OperationUsage("Sqs", "SendMessageBatch", UsageKind.SQS_REQUEST, 100, 100, 11_000_000, 0)));
        ProcessBenchResult r = new ProcessBenchResult(100_000, 4, 1, 10.0, 0, 5e6, 8e6, 2e6,
                new CellUsage(100_000, client, workers), 1.0, 2.0, 2);

        String md = r.render();

        assertThat(r.tasksPerSecond()).isEqualTo(10_000);
        assertThat(md).contains("| tasks/s of the whole submit process | 10,000 | >= 20,000 |",
                "| CPU per task, client (`kon submit`) (us) | 50.0 |", "| CPU per task, local cloud (us) | 80.0 |",
                "| CPU per task, in all (us) | 150.0 | <= 60 |", "task bodies | 50.0 |", "result bodies | 110.0 |",
                "| billable units per task: total | 0.0220 | <= 0.02 |",
                "client 0.50, local cloud 0.80, workers 0.20, in all 1.50 of 2",
                "| DynamoDb/TransactWriteItems | 50 | 0.00050 | DynamoDB write units | 0.02000 |")
                .doesNotContain("exited with");
    }
}
