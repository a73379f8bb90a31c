package dev.kon.aws.ledger;

import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.testkit.ExecutionLedgerContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(LocalCloudExtension.class)
class DynamoDbExecutionLedgerContractTest extends ExecutionLedgerContract {
    private static final String TABLE = "contract-ledger";
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void createTable(AwsClients clients) {
        dynamoDb = clients.dynamoDb();
        LedgerTable.create(dynamoDb, TABLE);
    }

    @Override
    protected ExecutionLedger ledger(Clock clock) {
        return new DynamoDbExecutionLedger(dynamoDb, TABLE, clock);
    }
}
