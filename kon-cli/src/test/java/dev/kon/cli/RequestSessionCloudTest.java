package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.Backend;
import dev.kon.apps.stats.StatsAnswer;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.bench.WorkerLaunch;
import dev.kon.bench.WorkerProcesses;
import dev.kon.client.RequestSession;
import dev.kon.client.RunSpec;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link RequestSession} on the local cloud against a {@code kon worker} process: many CloudCal requests on one
 * reply queue and one SDK client, each answered with its own numbers, and no reply queue left behind.
 */
@Tag("slow")
class RequestSessionCloudTest {
    private static final CloudNames NAMES = CloudNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static LocalCloud cloud;
    private static AwsClients clients;
    private static WorkerProcesses worker;

    @BeforeAll
    static void startCloudAndAWorker() throws Exception {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        clients = AwsClients.create(LocalClouds.settings(cloud));
        new CloudProvisioner(clients, NAMES).provision();
        WorkerLaunch launch = WorkerLaunch.defaults();
        worker = WorkerProcesses.start(launch, launch.command(NAMES.taskQueue(), NAMES.ledgerTable(), NAMES.bucket()),
                cloud.environment(), 1, dir.resolve("worker-logs"), "session");
    }

    @AfterAll
    static void stopThem() throws Exception {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            if (clients != null) {
                clients.close();
            }
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    private static List<String> replyQueues() {
        return clients.sqs().listQueues(b -> b.queueNamePrefix(RunSpec.REPLY_PREFIX)).queueUrls();
    }

    @Test
    void fiftyCalls_onOneSession_areEachAnsweredWithTheirOwnStatistics() throws Exception {
        Backend backend = AwsBackends.create(clients, NAMES, Clock.systemUTC());
        String replyQueue;
        try (RequestSession session = RequestSession.open(backend, NAMES.taskQueue())) {
            replyQueue = session.replyQueue();
            for (int i = 1; i <= 50; i++) {
                // i*10, i*10+1, i*10+5: min i*10, max i*10+5, sum 3*(i*10)+6 so the average is i*10+2, median i*10+1.
                long base = i * 10L;
                TaskResult r = session.callOne(new Task(1, "stats", (base + 5) + " " + base + " " + (base + 1)),
                        TIMEOUT);

                assertThat(r).as("answer to call %d", i).isNotNull();
                assertThat(r.succeeded()).as(r.output()).isTrue();
                StatsAnswer a = StatsAnswer.parse(r.output());
                assertThat(a.count()).isEqualTo(3);
                assertThat(a.min()).isEqualByComparingTo(BigDecimal.valueOf(base));
                assertThat(a.max()).isEqualByComparingTo(BigDecimal.valueOf(base + 5));
                assertThat(a.average()).isEqualByComparingTo(BigDecimal.valueOf(base + 2));
                assertThat(a.median()).isEqualByComparingTo(BigDecimal.valueOf(base + 1));
            }
            assertThat(replyQueues()).singleElement().asString().endsWith("/" + replyQueue);
        }
        assertThat(replyQueues()).isEmpty();
    }
}
