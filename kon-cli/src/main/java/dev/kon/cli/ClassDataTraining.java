package dev.kon.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kon.apps.stats.StatsRequest;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.AwsSettings;
import dev.kon.aws.CloudNames;
import dev.kon.task.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The start-up paths of the kon command, run once after each build with nothing real behind them, so that the
 * {@code kon} script can record the classes they load in a class-data archive
 * ({@code java -XX:ArchiveClassesAtExit=FILE -cp kon.jar dev.kon.cli.ClassDataTraining}); later runs map those
 * classes from the archive instead of reading, parsing and verifying them from the jars.
 *
 * <p>It builds the whole command tree and its usage help, checks a CloudCal request against the task handlers,
 * builds the AWS clients and sends SQS, DynamoDB and S3 the calls a client makes, to a stub server on 127.0.0.1
 * that answers every request with an empty JSON object. Nothing leaves the machine. Failures are ignored: a call
 * that fails has still loaded most of what a real one needs, and a class missing from the archive is only read
 * from its jar.
 */
final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("picocli.disable.closures", "true");
        quietly(() -> Main.commandLine().usage(new PrintWriter(Writer.nullWriter())));
        quietly(() -> Requests.check(List.of(new Task(1, "stats", StatsRequest.parse("3 1 4 1 5").toArgs()))));
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", ClassDataTraining::answerEmpty);
        stub.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
            quietly(() -> callEachService(settings(endpoint)));
        } finally {
            stub.stop(0);
        }
        // Exit as kon does, so that the way out is recorded too.
        System.exit(ExitCodes.OK);
    }

    /** The user's region and credentials chain when the environment names them, every endpoint the stub's. */
    private static AwsSettings settings(URI endpoint) {
        String region = System.getenv("AWS_REGION");
        AwsSettings s = AwsSettings.of(region == null || region.isBlank() ? "us-east-1" : region)
                .withEndpoints(endpoint, endpoint, endpoint);
        boolean keysInEnvironment = System.getenv("AWS_ACCESS_KEY_ID") != null
                && System.getenv("AWS_SECRET_ACCESS_KEY") != null;
        // Without keys in the environment the default chain would end at the instance metadata service.
        return keysInEnvironment ? s : s.withStaticCredentials("kon-training", "kon-training");
    }

    private static void callEachService(AwsSettings settings) {
        try (AwsClients clients = AwsClients.create(settings)) {
            AwsBackends.create(clients, CloudNames.defaults(), Clock.systemUTC());
            String url = settings.sqsEndpoint() + "/000000000000/kon-training";
            var sqs = clients.sqs();
            quietly(() -> sqs.createQueue(b -> b.queueName("kon-training")));
            quietly(() -> sqs.getQueueUrl(b -> b.queueName("kon-training")));
            quietly(() -> sqs.getQueueAttributes(b -> b.queueUrl(url)));
            quietly(() -> sqs.sendMessageBatch(b -> b.queueUrl(url)
                    .entries(SendMessageBatchRequestEntry.builder().id("1").messageBody("{}").build())));
            quietly(() -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0).maxNumberOfMessages(10)));
            quietly(() -> sqs.deleteQueue(b -> b.queueUrl(url)));
            var dynamoDb = clients.dynamoDb();
            Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("training"));
            quietly(() -> dynamoDb.getItem(b -> b.tableName("kon-training").key(key).consistentRead(true)));
            quietly(() -> dynamoDb.putItem(b -> b.tableName("kon-training").item(key)
                    .conditionExpression("attribute_not_exists(id)")));
            var s3 = clients.s3();
            quietly(() -> s3.putObject(b -> b.bucket("kon-training").key("training"), RequestBody.fromString("{}")));
            quietly(() -> s3.getObjectAsBytes(b -> b.bucket("kon-training").key("training")));
            quietly(() -> clients.s3Presigner().presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(1))
                    .getObjectRequest(g -> g.bucket("kon-training").key("training"))));
        }
    }

    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // the classes are loaded either way
        }
    }

    private static void answerEmpty(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
