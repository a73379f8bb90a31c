package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.CloudStatus;
import dev.kon.aws.blob.S3BlobStore;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.aws.runs.RunsTable;
import dev.kon.queue.QueueSpec;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands on the cloud as a user runs them, processes on the local cloud: what provision says, teardown keeping a
 * bucket that holds objects unless told to delete it, and a detached submit saying only what it did.
 */
@Tag("slow")
class CloudCommandTest {
    private static final CloudNames NAMES = CloudNames.defaults();

    @TempDir
    static Path dir;

    private static LocalCloud cloud;
    private static AwsClients clients;
    private static int runs;

    @BeforeAll
    static void startCloud() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        clients = AwsClients.create(LocalClouds.settings(cloud));
    }

    @AfterAll
    static void stopCloud() {
        if (clients != null) {
            clients.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    /** Each test starts from freshly provisioned, empty resources, whatever the one before left. */
    @BeforeEach
    void provisionAfresh() {
        new CloudProvisioner(clients, NAMES).teardown();
        new CloudProvisioner(clients, NAMES).provision();
    }

    private static AppsCloud.Run kon(String... args) throws Exception {
        KonProcess p = KonProcess.start(dir, "cloud-" + ++runs, cloud.environment(), args);
        int exit = p.waitFor(120);
        return new AppsCloud.Run(exit, p.stdout(), p.stderr());
    }

    private static void putObjects(int n) {
        S3BlobStore blobs = new S3BlobStore(clients.s3(), clients.s3Presigner(), NAMES.bucket());
        for (int i = 0; i < n; i++) {
            blobs.putBytes("runs/r" + i + "/manifest.json", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
    }

    private static CloudStatus status() {
        return new CloudProvisioner(clients, NAMES).status();
    }

    @Test
    void provision_saysWhereInWordsNotAsARecord() throws Exception {
        AppsCloud.Run run = kon("cloud", "provision");

        assertThat(run.exit()).as(run.said()).isZero();
        assertThat(run.stdout()).as(run.said()).startsWith("provisioned on SQS " + cloud.endpoints().sqs()
                + ", DynamoDB " + cloud.endpoints().dynamodb() + ", S3 " + cloud.endpoints().s3() + " (us-east-1)\n")
                .doesNotContain("AwsSettings[").doesNotContain("credentials=");
        assertThat(run.stderr()).as(run.said()).isEmpty();
    }

    @Test
    void teardown_ofABucketWithObjects_withoutATerminalOrYes_refusesWithExitTwoAndDeletesNothing() throws Exception {
        putObjects(3);

        AppsCloud.Run run = kon("cloud", "teardown");

        assertThat(run.exit()).as(run.said()).isEqualTo(2);
        assertThat(run.stderr().lines()).as(run.said()).containsExactly("kon: bucket 'kon-blobs' holds 3 objects; "
                + "nothing deleted: give --yes to delete it (there is no terminal to ask on)");
        assertThat(status().ready()).as("queues, table and bucket all still there").isTrue();
    }

    @Test
    void teardown_ofABucketWithObjects_withYes_deletesEverything() throws Exception {
        putObjects(2);

        AppsCloud.Run run = kon("cloud", "teardown", "--yes");

        assertThat(run.exit()).as(run.said()).isZero();
        assertThat(run.stdout()).startsWith("deleted Kon's queues, table and bucket on SQS ");
        assertThat(status().missing()).hasSize(6).contains("table 'kon-ledger-workers'");
    }

    @Test
    void teardown_ofAnEmptyBucket_asksNothingAndDeletesEverything() throws Exception {
        AppsCloud.Run run = kon("cloud", "teardown");

        assertThat(run.exit()).as(run.said()).isZero();
        assertThat(status().missing()).hasSize(6).contains("table 'kon-ledger-workers'");
    }

    @Test
    void submit_detached_printsTheRunIdAndNoLogLines() throws Exception {
        Path workload = Files.write(dir.resolve("two.txt"), List.of("sleep 1", "sleep 2"));

        AppsCloud.Run run = kon("submit", workload.toString(), "--detach");

        assertThat(run.exit()).as(run.said()).isZero();
        assertThat(run.stdout()).as(run.said())
                .matches("submitted run \\S+: 2 tasks; collect with: kon collect \\S+\n");
        assertThat(run.stderr()).as(run.said()).isEmpty();
    }

    @Test
    void status_asJson_givesEachResourceWithExistsAndTheQueuesCounts() throws Exception {
        try (SqsQueueService queues = new SqsQueueService(clients.sqs())) {
            queues.open(NAMES.taskQueue()).send(List.of("a", "b"));
            queues.open(NAMES.priorityQueue()).send(List.of("c"));
            queues.open(NAMES.deadLetterQueue()).send(List.of("d", "e", "f"));
            queues.create(QueueSpec.of(CloudNames.RESPONSE_QUEUE_PREFIX + "status1"));
        }
        RunsTable.delete(clients.dynamoDb(), NAMES.runsTable());

        AppsCloud.Run run = kon("cloud", "status", "--output", "json");

        assertThat(run.exit()).as(run.said()).isEqualTo(ExitCodes.BACKEND);
        Map<String, Object> json = JsonTree.object(run.stdout());
        assertThat(json).containsEntry("ready", false).containsEntry("missing", List.of("table 'kon-ledger-runs'"));
        Map<String, Object> queues = map(json, "queues");
        assertThat(queues.get("tasks")).isEqualTo(Map.of("name", "kon-tasks", "exists", true, "waiting", 2L,
                "inFlight", 0L));
        assertThat(queues.get("priority")).isEqualTo(Map.of("name", "kon-tasks-priority", "exists", true,
                "waiting", 1L, "inFlight", 0L));
        assertThat(queues.get("deadLetter")).isEqualTo(Map.of("name", "kon-tasks-dead", "exists", true,
                "waiting", 3L, "inFlight", 0L));
        assertThat(map(json, "replyQueues")).containsEntry("count", 1L)
                .containsEntry("names", List.of(CloudNames.RESPONSE_QUEUE_PREFIX + "status1"));
        assertThat(map(json, "tables")).containsEntry("ledger", Map.of("name", "kon-ledger", "exists", true))
                .containsEntry("runs", Map.of("name", "kon-ledger-runs", "exists", false))
                .containsEntry("workers", Map.of("name", "kon-ledger-workers", "exists", true));
        assertThat(json).containsEntry("bucket", Map.of("name", "kon-blobs", "exists", true));
        assertThat(run.stderr()).as(run.said()).isEmpty();
    }

    @Test
    void status_asText_listsThePriorityQueue() throws Exception {
        AppsCloud.Run run = kon("cloud", "status");

        assertThat(run.exit()).as(run.said()).isZero();
        assertThat(run.stdout().lines()).as(run.said())
                .anyMatch(l -> l.matches("  queue  kon-tasks-priority +0 waiting, 0 in flight"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    @Test
    void start_exportLines_setAwsDefaultRegionForTheAwsCliV1() {
        assertThat(CloudCommand.Start.exportLines(cloud)).containsAll(cloud.exportLines())
                .contains("export AWS_DEFAULT_REGION=" + cloud.region());
    }
}
