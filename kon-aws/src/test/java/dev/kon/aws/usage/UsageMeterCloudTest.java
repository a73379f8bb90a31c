package dev.kon.aws.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.aws.AwsClients;
import dev.kon.aws.AwsSettings;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.aws.blob.S3BlobStore;
import dev.kon.aws.blob.S3Buckets;
import dev.kon.aws.ledger.DynamoDbExecutionLedger;
import dev.kon.aws.ledger.LedgerTable;
import dev.kon.ledger.LeaseRequest;
import dev.kon.localcloud.LocalCloud;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The meter on clients talking to the local cloud: real calls, real answers, the unit rules applied to them. */
@ExtendWith(LocalCloudExtension.class)
class UsageMeterCloudTest {
    private static final String TABLE = "usage-test";
    private static final String BUCKET = "usage-test";
    private static AwsClients clients;
    private UsageMeter meter;
    private UsageSnapshot before;

    @BeforeAll
    static void connect(LocalCloud cloud, AwsClients plain) {
        LedgerTable.create(plain.dynamoDb(), TABLE);
        S3Buckets.create(plain.s3(), BUCKET);
        LocalCloud.Endpoints e = cloud.endpoints();
        clients = AwsClients.create(AwsSettings.of(cloud.region()).withEndpoints(e.sqs(), e.dynamodb(), e.s3())
                .withStaticCredentials(cloud.accessKey(), cloud.secretKey()), new UsageMeter());
    }

    @AfterAll
    static void disconnect() {
        clients.close();
    }

    @BeforeEach
    void mark() {
        meter = clients.usageMeter().orElseThrow();
        before = meter.snapshot();
    }

    private UsageSnapshot since() {
        return meter.snapshot().minus(before);
    }

    private static OperationUsage row(UsageSnapshot s, String operation) {
        return s.operations().stream().filter(o -> o.operation().equals(operation)).findFirst().orElseThrow(
                () -> new AssertionError("no " + operation + " in " + s.operations()));
    }

    private static String queue(SqsClient sqs) {
        return sqs.createQueue(b -> b.queueName("usage-" + UUID.randomUUID().toString().substring(0, 8)))
                .queueUrl();
    }

    @Test
    void sendMessageBatch_tenBodiesOf25000Bytes_isFourRequests_andTheirReceivesCountWhatCameBack() {
        SqsClient sqs = clients.sqs();
        String url = queue(sqs);
        String body = "b".repeat(25_000);

        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(0, 10).mapToObj(i ->
                SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(body).build()).toList()));
        int got = 0;
        while (got < 10) {
            got += sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().size();
        }

        UsageSnapshot s = since();
        OperationUsage send = row(s, "SendMessageBatch");
        assertThat(send.kind()).isEqualTo(UsageKind.SQS_REQUEST);
        assertThat(send.requests()).isEqualTo(1);
        assertThat(send.units()).isEqualTo(4); // 250,000 bytes: 3.8 chunks of 64 KiB
        assertThat(send.bytesSent()).isEqualTo(250_000);
        OperationUsage receive = row(s, "ReceiveMessage");
        assertThat(receive.bytesReceived()).isEqualTo(250_000);
        // each receive is one request, or one per started 64 KiB it brought back
        assertThat(receive.units()).isGreaterThanOrEqualTo(4).isLessThanOrEqualTo(receive.requests() + 3);
        assertThat(row(s, "CreateQueue").units()).isEqualTo(1);
    }

    @Test
    void sendMessage_toAMissingQueue_isCountedAsTheRefusedRequestItIs() {
        SqsClient sqs = clients.sqs();
        String url = queue(sqs);
        sqs.deleteQueue(b -> b.queueUrl(url));

        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")))
                .isInstanceOf(QueueDoesNotExistException.class);

        assertThat(row(since(), "SendMessage").requests()).isEqualTo(1);
    }

    @Test
    void ledgerClaims_inOneTransaction_countTwoWriteUnitsEach_andARefusedClaimStillCounts() {
        DynamoDbExecutionLedger ledger = new DynamoDbExecutionLedger(clients.dynamoDb(), TABLE, Clock.systemUTC());
        Instant lease = Instant.now().plusSeconds(60);
        List<LeaseRequest> three = IntStream.range(0, 3)
                .mapToObj(i -> new LeaseRequest("k-" + UUID.randomUUID(), "me", lease)).toList();

        ledger.claimAll(three);
        UsageSnapshot claimed = since();
        ledger.claim(new LeaseRequest(three.get(0).key(), "someone-else", lease));
        UsageSnapshot refused = since().minus(claimed);

        assertThat(row(claimed, "TransactWriteItems").units()).isEqualTo(6);
        assertThat(claimed.units(java.util.EnumSet.of(UsageKind.DYNAMODB_WRITE))).isEqualTo(6);
        assertThat(refused.units(java.util.EnumSet.of(UsageKind.DYNAMODB_WRITE))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void blobs_putGetHeadDelete_fallIntoS3sRequestClasses() throws Exception {
        S3BlobStore store = new S3BlobStore(clients.s3(), clients.s3Presigner(), BUCKET);
        String key = "usage/" + UUID.randomUUID();

        store.putBytes(key, new byte[100], "application/octet-stream");
        try (InputStream in = store.get(key)) {
            assertThat(in.readAllBytes()).hasSize(100);
        }
        assertThat(store.exists(key)).isTrue();
        store.delete(key);

        UsageSnapshot s = since();
        assertThat(s.units(java.util.EnumSet.of(UsageKind.S3_PUT_CLASS))).isEqualTo(1);
        assertThat(s.units(java.util.EnumSet.of(UsageKind.S3_GET_CLASS))).isEqualTo(2);
        assertThat(row(s, "DeleteObject").kind()).isEqualTo(UsageKind.FREE);
        assertThat(row(s, "DeleteObject").units()).isZero();
        assertThat(s.billableUnits()).isEqualTo(3);
        assertThat(row(s, "PutObject").bytesSent()).as("what the upload carried").isEqualTo(100);
        assertThat(row(s, "GetObject").bytesSent()).isZero();
    }
}
