package dev.kon.aws.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.testkit.WorkerRegistryContract;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import dev.kon.workers.WorkerStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(LocalCloudExtension.class)
class DynamoDbWorkerRegistryContractTest extends WorkerRegistryContract {
    private static final String WORKERS = "contract-workers";
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void createTable(AwsClients clients) {
        dynamoDb = clients.dynamoDb();
        WorkersTable.create(dynamoDb, WORKERS);
    }

    @Override
    protected WorkerRegistry registry(Clock clock) {
        return new DynamoDbWorkerRegistry(dynamoDb, WORKERS, clock, WorkerRegistry.RETENTION);
    }

    @Test
    void all_readsEveryPageOfTheScan() {
        String table = "contract-workers-paged";
        WorkersTable.create(dynamoDb, table);
        WorkerRegistry paged = new DynamoDbWorkerRegistry(dynamoDb, table, Clock.systemUTC(),
                WorkerRegistry.RETENTION, 3);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IntStream.range(0, 10).forEach(i -> paged.heartbeat(new WorkerRecord("h/" + i, "h", i, "0.1.0", 1, "q", now,
                0, 0, List.of(), WorkerStatus.RUNNING, now)));

        assertThat(paged.all()).hasSize(10);
        WorkersTable.delete(dynamoDb, table);
    }
}
