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
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker stopped with SIGTERM leaves no receive behind on the queue server. A long poll in flight when a
 * process exits stays open on the server until its wait ends, and a message that arrives meanwhile is handed to it
 * and hidden for its whole visibility timeout (30 s) with nobody to run it: a request sent just after a scale-in
 * waited that long. The stopping worker now waits for its polls to end and gives back what they bring.
 */
@Tag("slow")
class WorkerStopCloudTest {
    @TempDir
    Path dir;

    @Test
    void request_sentAsAWorkerStops_isAnsweredByTheNextWorkerWithoutWaitingForAVisibilityTimeout() throws Exception {
        CloudNames names = CloudNames.defaults();
        KonProcess first = null;
        KonProcess second = null;
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(clients, names).provision();
            Backend backend = AwsBackends.create(clients, names, Clock.systemUTC());
            Map<String, String> env = cloud.environment();
            first = KonProcess.start(dir, "first", env, "worker", "--idle-exit", "0");
            KonProcess started = first;
            await().atMost(Duration.ofMinutes(2)).until(() -> started.stdout().contains("ready "));
            // Let its pollers settle into their long polls, then stop it as a scale-in or Ctrl-C does.
            Thread.sleep(1_000);
            first.process.destroy();
            assertThat(first.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            // Sent at once, before the next worker is up: only a receive the first one left behind could take it.
            second = KonProcess.start(dir, "second", env, "worker", "--idle-exit", "0");
            try (RequestSession session = RequestSession.open(backend, names.taskQueue())) {
                long t0 = System.nanoTime();
                TaskResult r = session.callOne(new Task(1, "stats", "5 1 3"), Duration.ofSeconds(90));
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("request sent as a worker stopped answered in %d ms%n", tookMs);

                assertThat(r).isNotNull();
                assertThat(r.succeeded()).as(r.output()).isTrue();
                // The next worker's start takes a few seconds here; a visibility timeout would add 30.
                assertThat(tookMs).isLessThan(20_000);
            }
        } finally {
            for (KonProcess p : new KonProcess[] {first, second}) {
                if (p != null) {
                    p.process.destroyForcibly();
                }
            }
        }
    }
}
