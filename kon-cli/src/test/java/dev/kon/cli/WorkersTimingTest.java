package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.workers.WorkersTable;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import dev.kon.workers.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What {@code kon workers} does once the JVM is up, timed on the local cloud with 16 workers: build the clients, one
 * scan of the workers table, the table printed. Prints the figures; asserts a bound loose enough for a busy machine.
 */
@Tag("slow")
class WorkersTimingTest {
    private static final int WORKERS = 16;

    @Test
    void listingSixteenWorkers_takesOneScanAndWellUnderABudgetOf300ms() {
        CloudNames names = CloudNames.defaults().withLedgerTable("timing-ledger");
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients setup = AwsClients.create(LocalClouds.settings(cloud))) {
            WorkersTable.create(setup.dynamoDb(), names.workersTable());
            WorkerRegistry writer = AwsBackends.create(setup, names, Clock.systemUTC()).workers();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            IntStream.range(0, WORKERS).forEach(i -> writer.heartbeat(new WorkerRecord("host-" + i + "/100" + i
                    + "/abcd", "host-" + i, 1000 + i, "0.1.0", 8, "kon-tasks", now.minusSeconds(3600), 10_000L * i,
                    50.5, List.of("run-a", "run-b"), WorkerStatus.RUNNING, now)));

            long first = list(cloud);
            long[] warm = IntStream.range(0, 15).mapToLong(i -> list(cloud)).sorted().toArray();
            long median = warm[warm.length / 2];
            long[] scans = IntStream.range(0, 15).mapToLong(i -> {
                long t = System.nanoTime();
                assertThat(writer.all()).hasSize(WORKERS);
                return (System.nanoTime() - t) / 1_000_000;
            }).sorted().toArray();
            System.out.printf("kon workers, %d workers: first %d ms (new clients, first use in this JVM), then median "
                    + "%d ms (max %d) with new clients each time; the scan alone median %d ms (max %d)%n", WORKERS,
                    first, median, warm[warm.length - 1], scans[scans.length / 2], scans[scans.length - 1]);
            assertThat(Duration.ofMillis(median)).isLessThan(Duration.ofMillis(300));
        }
    }

    /** New clients, one listing, the text rendered: milliseconds. */
    private static long list(LocalCloud cloud) {
        long start = System.nanoTime();
        CloudNames names = CloudNames.defaults().withLedgerTable("timing-ledger");
        try (AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            Instant now = Instant.now();
            List<WorkerRecord> all = AwsBackends.create(clients, names, Clock.systemUTC()).workers().all();
            assertThat(all).hasSize(WORKERS);
            String table = WorkerView.header() + "\n" + String.join("\n", WorkerView.sorted(all, now,
                    WorkerRegistry.LOST_AFTER).stream().map(w -> new WorkerView(w, now, WorkerRegistry.LOST_AFTER)
                    .row()).toList());
            assertThat(table.lines()).hasSize(WORKERS + 1);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
