package dev.kon.aws.runs;

import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.aws.ledger.DynamoDbExecutionLedger;
import dev.kon.aws.ledger.LedgerTable;
import dev.kon.runs.RunRegistry;
import dev.kon.testkit.RunRegistryContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(LocalCloudExtension.class)
class DynamoDbRunRegistryContractTest extends RunRegistryContract {
    private static final String LEDGER = "contract-runs-ledger";
    private static final String RUNS = "contract-runs";
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void createTables(AwsClients clients) {
        dynamoDb = clients.dynamoDb();
        LedgerTable.create(dynamoDb, LEDGER);
        RunsTable.create(dynamoDb, RUNS);
    }

    @Override
    protected Deployment deployment(Clock clock) {
        return new Deployment(new DynamoDbExecutionLedger(dynamoDb, LEDGER, clock, RUNS,
                RunRegistry.DEFAULT_RETENTION), new DynamoDbRunRegistry(dynamoDb, RUNS, clock,
                RunRegistry.DEFAULT_RETENTION));
    }
}
