package dev.kon.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.api.Kon;
import dev.kon.api.RunHandle;
import dev.kon.api.RunOptions;
import dev.kon.api.TaskCall;
import dev.kon.localcloud.LocalCloud;
import dev.kon.runs.RunState;
import dev.kon.task.SleepHandler;
import dev.kon.task.TaskHandlers;
import dev.kon.worker.Worker;
import dev.kon.worker.WorkerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The library API on the local cloud: a future and a run, answered by a worker on the same queues. */
@ExtendWith(LocalCloudExtension.class)
class KonCloudTest {
    @Test
    void submitAndRun_onTheLocalCloud_areAnsweredByAWorker(LocalCloud cloud, AwsClients clients) throws Exception {
        CloudNames names = CloudNames.defaults().withTaskQueue("api-tasks").withDeadLetterQueue("api-tasks-dead")
                .withLedgerTable("api-ledger").withBucket("api-blobs");
        new CloudProvisioner(clients, names).provision();
        LocalCloud.Endpoints e = cloud.endpoints();
        AwsSettings aws = AwsSettings.of(cloud.region()).withEndpoints(e.sqs(), e.dynamodb(), e.s3())
                .withStaticCredentials(cloud.accessKey(), cloud.secretKey());
        Worker worker = new Worker(WorkerConfig.defaults(names.taskQueue()).withThreads(4)
                .withPollWait(Duration.ofSeconds(1)), AwsBackends.create(clients, names, Clock.systemUTC()),
                TaskHandlers.of(new SleepHandler()), Clock.systemUTC()).start();
        try (Kon kon = Kon.open(KonCloud.settings(aws, names))) {
            assertThat(kon.submit("sleep", "1").get(60, TimeUnit.SECONDS)).isNotNull();

            Set<Long> ids = new HashSet<>();
            try (RunHandle run = kon.run(IntStream.range(0, 500).mapToObj(i -> TaskCall.of("sleep", "0")),
                    RunOptions.defaults().withBundleSize(10).withWindow(200))) {
                run.results().forEachRemaining(r -> ids.add(r.taskId()));
                assertThat(kon.backend().runs().find(run.id()).orElseThrow().state()).isEqualTo(RunState.DONE);
            }
            assertThat(ids).hasSize(500);
        } finally {
            worker.stop(Duration.ofSeconds(10));
        }
    }
}
