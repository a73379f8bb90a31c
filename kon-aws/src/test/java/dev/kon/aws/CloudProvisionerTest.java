package dev.kon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.KonException;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalCloudExtension.class)
class CloudProvisionerTest {
    private static AwsClients clients;
    private static SqsQueueService queues;

    @BeforeAll
    static void connect(AwsClients awsClients) {
        clients = awsClients;
        queues = new SqsQueueService(clients.sqs());
    }

    @AfterAll
    static void disconnect() {
        queues.close();
    }

    /** Names of their own, so the test classes sharing the local cloud do not see each other's resources. */
    private static CloudNames uniqueNames() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return CloudNames.defaults().withTaskQueue("prov-" + id).withLedgerTable("prov-ledger-" + id)
                .withBucket("prov-blobs-" + id).withVisibilityTimeout(Duration.ofSeconds(1)).withMaxReceives(1);
    }

    @Test
    void provision_twice_createsEverythingOnceAndReportsReady() {
        CloudProvisioner provisioner = new CloudProvisioner(clients, uniqueNames());

        provisioner.provision();
        CloudStatus status = provisioner.provision();

        assertThat(status.ready()).isTrue();
        assertThat(status.missing()).isEmpty();
        assertThat(status.workersTable()).isEqualTo(new CloudStatus.Resource(
                provisioner.names().ledgerTable() + "-workers", true));
        assertThat(status.taskQueue().depth().total()).isZero();
        assertThat(status.deadLettered()).isZero();
        try (SqsQueueService fresh = new SqsQueueService(clients.sqs())) {
            assertThat(fresh.find(provisioner.names().priorityQueue())).isPresent();
        }
        provisioner.teardown();
        try (SqsQueueService fresh = new SqsQueueService(clients.sqs())) {
            assertThat(fresh.find(provisioner.names().priorityQueue())).isEmpty();
        }
    }

    @Test
    void provision_ofADeploymentMadeByAnEarlierKon_bringsItsTablesAndQueuesUpToDateInPlace() {
        CloudNames names = uniqueNames();
        String runs = names.runsTable();
        // An earlier shape: the runs table without its index of recent runs, without TTL, and the task queue
        // with another visibility timeout and no dead-letter queue.
        clients.dynamoDb().createTable(b -> b.tableName(runs).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName(dev.kon.aws.runs.RunsTable.RUN).attributeType("S"),
                        a -> a.attributeName(dev.kon.aws.runs.RunsTable.ITEM).attributeType("S"))
                .keySchema(k -> k.attributeName(dev.kon.aws.runs.RunsTable.RUN).keyType("HASH"),
                        k -> k.attributeName(dev.kon.aws.runs.RunsTable.ITEM).keyType("RANGE")));
        clients.dynamoDb().putItem(b -> b.tableName(runs).item(java.util.Map.of(
                dev.kon.aws.runs.RunsTable.RUN, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("old"),
                dev.kon.aws.runs.RunsTable.ITEM, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("run"))));
        queues.create(QueueSpec.of(names.taskQueue()).withVisibilityTimeout(Duration.ofSeconds(7)));

        CloudStatus status = new CloudProvisioner(clients, names).provision();

        assertThat(status.ready()).isTrue();
        var table = clients.dynamoDb().describeTable(b -> b.tableName(runs)).table();
        assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName())
                .containsExactly(dev.kon.aws.runs.RunsTable.RECENT);
        assertThat(clients.dynamoDb().getItem(b -> b.tableName(runs).key(java.util.Map.of(
                dev.kon.aws.runs.RunsTable.RUN, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("old"),
                dev.kon.aws.runs.RunsTable.ITEM, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("run"))))
                .item()).as("the old table's items are kept").isNotEmpty();
        assertThat(clients.dynamoDb().describeTimeToLive(b -> b.tableName(runs)).timeToLiveDescription()
                .timeToLiveStatusAsString()).isIn("ENABLED", "ENABLING");
        var attributes = clients.sqs().getQueueAttributes(b -> b.queueUrl(clients.sqs()
                .getQueueUrl(u -> u.queueName(names.taskQueue())).queueUrl())
                .attributeNamesWithStrings("All")).attributesAsStrings();
        assertThat(attributes).containsEntry("VisibilityTimeout", "1").containsKey("RedrivePolicy");
        new CloudProvisioner(clients, names).teardown();
    }

    @Test
    void status_reportsQueueDepthsAndDeadLetteredMessages() {
        CloudNames names = uniqueNames();
        CloudProvisioner provisioner = new CloudProvisioner(clients, names);
        provisioner.provision();
        TaskQueue tasks = queues.open(names.taskQueue());
        tasks.send(List.of("poison 1", "poison 2", "poison 3"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> provisioner.status().taskQueue().depth().visible() == 3);

        // maxReceives 1: each message received once moves to the dead-letter queue when it would come back
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            tasks.receive(10, Duration.ofSeconds(1));
            return provisioner.status().deadLettered() == 3;
        });

        assertThat(provisioner.status().taskQueue().depth().total()).isZero();
        provisioner.teardown();
    }

    @Test
    void teardown_twice_deletesEverythingIncludingResponseQueues() {
        CloudNames names = uniqueNames();
        CloudProvisioner provisioner = new CloudProvisioner(clients, names);
        provisioner.provision();
        String responses = CloudNames.RESPONSE_QUEUE_PREFIX + UUID.randomUUID().toString().substring(0, 8);
        queues.create(QueueSpec.of(responses));
        assertThat(provisioner.status().responseQueues()).contains(responses);

        provisioner.teardown();
        provisioner.teardown();

        CloudStatus status = provisioner.status();
        assertThat(status.taskQueue().exists()).isFalse();
        assertThat(status.deadLetterQueue().exists()).isFalse();
        assertThat(status.ledgerTable().exists()).isFalse();
        assertThat(status.runsTable().exists()).isFalse();
        assertThat(status.workersTable().exists()).isFalse();
        assertThat(status.bucket().exists()).isFalse();
        assertThat(status.responseQueues()).doesNotContain(responses);
        // a fresh service: this test's own one caches the URL it saw (see SqsQueueService#find)
        try (SqsQueueService fresh = new SqsQueueService(clients.sqs())) {
            assertThat(fresh.find(responses)).isEmpty();
        }
    }

    @Test
    void requireReady_beforeProvisioning_namesWhatIsMissingAndWhatToRun() {
        CloudNames names = uniqueNames();
        CloudStatus status = new CloudProvisioner(clients, names).status();

        assertThat(status.ready()).isFalse();
        assertThatThrownBy(status::requireReady).isInstanceOf(KonException.class)
                .hasMessageContaining("queue '" + names.taskQueue() + "'")
                .hasMessageContaining("table '" + names.ledgerTable() + "'")
                .hasMessageContaining("table '" + names.workersTable() + "'")
                .hasMessageContaining("bucket '" + names.bucket() + "'")
                .hasMessageContaining("run 'kon cloud provision'");
    }

    @Test
    void names_defaultToKonsAndValidateTheirFields() {
        CloudNames names = CloudNames.defaults();

        assertThat(names.taskQueue()).isEqualTo("kon-tasks");
        assertThat(names.deadLetterQueue()).isEqualTo("kon-tasks-dead");
        assertThat(names.ledgerTable()).isEqualTo("kon-ledger");
        assertThat(names.bucket()).isEqualTo("kon-blobs");
        assertThat(names.taskQueueSpec().maxReceives()).isEqualTo(QueueSpec.DEFAULT_MAX_RECEIVES);
        assertThatThrownBy(() -> names.withBucket("Kon_Blobs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> names.withVisibilityTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visibilityTimeout");
    }
}
