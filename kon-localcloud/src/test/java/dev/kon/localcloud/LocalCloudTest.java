package dev.kon.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class LocalCloudTest {
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        System.out.println("local cloud started in " + cloud.startTime().toMillis() + " ms: " + cloud);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void sqs_sendThenReceive_returnsTheBody() {
        try (SqsClient sqs = sqs(cloud)) {
            String url = sqs.createQueue(b -> b.queueName("smoke")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));

            var messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();

            assertThat(messages).extracting(Message::body).containsExactly("hello");
            assertThat(url).contains(":" + cloud.endpoints().sqs().getPort() + "/");
        }
    }

    @Test
    void dynamoDb_putThenGet_returnsTheItem() {
        try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb())
                .region(Region.of(cloud.region())).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            ddb.createTable(b -> b.tableName("smoke").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("k")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build()));
            ddb.putItem(b -> b.tableName("smoke").item(Map.of("k", s("1"), "v", s("one"))));

            var item = ddb.getItem(b -> b.tableName("smoke").key(Map.of("k", s("1")))).item();

            assertThat(item).containsEntry("v", s("one"));
        }
    }

    @Test
    void s3_putThenGet_returnsTheBytes_andAWrongSecretIsRefused() {
        try (S3Client s3 = s3(credentials())) {
            s3.createBucket(b -> b.bucket("smoke"));
            s3.putObject(b -> b.bucket("smoke").key("a/b.txt"), RequestBody.fromString("bytes"));

            assertThat(s3.getObjectAsBytes(b -> b.bucket("smoke").key("a/b.txt")).asUtf8String()).isEqualTo("bytes");
        }
        var wrong = StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(), "wrong"));
        try (S3Client s3 = s3(wrong)) {
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("smoke").key("a/b.txt")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void start_whenAPortIsTaken_failsNamingThePort() {
        int taken = cloud.endpoints().dynamodb().getPort();

        assertThatThrownBy(() -> LocalCloud.start(LocalCloudConfig.ephemeral().withDynamoDbPort(taken)))
                .isInstanceOf(LocalCloudException.class)
                .hasMessageContaining("127.0.0.1:" + taken)
                .hasMessageContaining("DynamoDB");
    }

    @Test
    void s3DataDir_keepsObjectsAcrossARestart_andCloseIsIdempotent(@TempDir Path dir) {
        LocalCloudConfig config = LocalCloudConfig.ephemeral().withS3DataDir(dir);
        LocalCloud first = LocalCloud.start(config);
        try (S3Client s3 = s3(first, credentials())) {
            s3.createBucket(b -> b.bucket("kept"));
            s3.putObject(b -> b.bucket("kept").key("k"), RequestBody.fromString("still here"));
        }
        first.close();
        first.close();

        try (LocalCloud second = LocalCloud.start(config); S3Client s3 = s3(second, credentials())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("k")).asUtf8String()).isEqualTo("still here");
        }
    }

    @Test
    void close_whileAClientIsInALongPoll_returnsWithinSeconds() throws Exception {
        LocalCloud other = LocalCloud.start(LocalCloudConfig.ephemeral());
        SqsClient sqs = sqs(other);
        String url = sqs.createQueue(b -> b.queueName("waiting")).queueUrl();
        CompletableFuture<Thread> poller = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> {
            poller.complete(Thread.currentThread());
            try {
                sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20));
            } catch (RuntimeException expected) {
                // the server goes away mid-poll
            }
        });
        Thread thread = poller.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().contains("Socket") && f.getMethodName().contains("read")));
        long began = System.nanoTime();

        other.close();

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(8));
        sqs.close();
    }

    @Test
    void config_refusesBadPortsNamingTheField() {
        assertThatThrownBy(() -> LocalCloudConfig.defaults().withS3Port(70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3Port");
        assertThatThrownBy(() -> LocalCloudConfig.defaults().withS3Port(8000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }

    @Test
    void exportLines_pointAtTheEndpoints() {
        assertThat(cloud.exportLines()).contains(
                "export AWS_ENDPOINT_URL_SQS=" + cloud.endpoints().sqs(),
                "export AWS_ENDPOINT_URL_DYNAMODB=" + cloud.endpoints().dynamodb(),
                "export AWS_ENDPOINT_URL_S3=" + cloud.endpoints().s3(),
                "export AWS_REGION=us-east-1",
                "export AWS_ACCESS_KEY_ID=kon",
                "export AWS_SECRET_ACCESS_KEY=kon-local-secret");
    }

    private static S3Client s3(StaticCredentialsProvider credentials) {
        return s3(cloud, credentials);
    }

    private static S3Client s3(LocalCloud on, StaticCredentialsProvider credentials) {
        return S3Client.builder().endpointOverride(on.endpoints().s3()).forcePathStyle(true)
                .region(Region.of(on.region())).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static SqsClient sqs(LocalCloud on) {
        return SqsClient.builder().endpointOverride(on.endpoints().sqs()).region(Region.of(on.region()))
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
