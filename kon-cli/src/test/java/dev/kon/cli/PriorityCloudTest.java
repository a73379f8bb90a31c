package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.Backend;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.client.RequestSession;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive before bulk, as deployed: on the local cloud, provisioned by {@code kon cloud provision}'s code, a
 * {@code kon worker} process kept busy on every thread by a bulk run still answers a CloudCal request at once.
 */
@Tag("slow")
class PriorityCloudTest {
    @TempDir
    Path dir;

    @Test
    void calRequest_whileABulkRunKeepsEveryWorkerThreadBusy_isAnsweredWithinASecond() throws Exception {
        CloudNames names = CloudNames.defaults();
        KonProcess worker = null;
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(clients, names).provision();
            Backend backend = AwsBackends.create(clients, names, Clock.systemUTC());
            TaskQueue tasks = backend.queues().open(names.taskQueue());
            TaskQueue replies = backend.queues().create(QueueSpec.of("bulk-replies"));
            // 60 bundles of one 1-second sleep: half a minute of work for the worker's two threads.
            List<String> bodies = new ArrayList<>();
            for (int b = 0; b < 60; b++) {
                bodies.add(WireCodec.encodeBundle(new TaskBundle("bulk", "bulk-b" + b, replies.name(),
                        List.of(new Task(b, "sleep", "1000")))));
            }
            for (int i = 0; i < bodies.size(); i += 10) {
                assertThat(tasks.send(bodies.subList(i, i + 10)).allOk()).isTrue();
            }
            Map<String, String> env = cloud.environment();
            worker = KonProcess.start(dir, "worker", env, "worker", "--threads", "2", "--idle-exit", "0");
            // Both threads are busy once two bundles are in flight and results have started to come back.
            await().atMost(Duration.ofMinutes(1)).until(() -> replies.depth().visible() >= 2);

            try (RequestSession session = RequestSession.open(backend, names.taskQueue())) {
                long t0 = System.nanoTime();
                TaskResult r = session.callOne(new Task(1, "stats", "5 1 3"), Duration.ofSeconds(60));
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("CloudCal request answered in %d ms during a bulk run%n", tookMs);

                assertThat(r).isNotNull();
                assertThat(r.succeeded()).as(r.output()).isTrue();
                assertThat(tookMs).isLessThan(1_000);
                // The bulk run is far from done: the request did not just come after it.
                assertThat(tasks.depth().total()).isGreaterThan(30);
            }
        } finally {
            if (worker != null) {
                worker.process.destroyForcibly();
            }
        }
    }
}
