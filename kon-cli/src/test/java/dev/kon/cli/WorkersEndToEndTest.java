package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.workers.WorkerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kon workers} and the workers part of {@code kon status} as a user runs them: two {@code kon worker}
 * processes on the local cloud, one killed outright (SIGKILL), one stopped (SIGTERM).
 */
@Tag("slow")
class WorkersEndToEndTest {
    private static final Duration LOST_AFTER = Duration.ofSeconds(2);
    @TempDir
    Path dir;

    /** Each worker's status in a {@code kon workers -o json} array, by worker id; read with jackson-core. */
    private static Map<String, String> statusById(String json) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String id = null;
                String status = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("worker")) {
                        id = p.getText();
                    } else if (name.equals("status")) {
                        status = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                out.put(id, status);
            }
        }
        return out;
    }

    private static String readyId(KonProcess worker) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> worker.stdout().startsWith("ready "));
        return worker.stdout().lines().findFirst().orElseThrow().split(" ")[1];
    }

    @Test
    void twoWorkers_areListed_theKilledOneTurnsLost_andTheStoppedOneStopped() throws Exception {
        CloudNames names = CloudNames.defaults();
        Path workload = dir.resolve("long.txt");
        Files.write(workload, Collections.nCopies(4, "sleep 20000"));
        List<KonProcess> procs = new ArrayList<>();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(clients, names).provision();
            Map<String, String> env = cloud.environment();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                KonProcess w = KonProcess.start(dir, "worker" + i, env, "worker", "--threads", "2", "--prefetch", "0",
                        "--idle-exit", "0", "--heartbeat", "200ms", "--lease", "60s");
                procs.add(w);
                ids.add(readyId(w));
            }
            KonProcess killed = procs.get(0);
            KonProcess stopped = procs.get(1);

            KonProcess live = KonProcess.start(dir, "workers", env, "workers", "-o", "json");
            assertThat(live.waitFor(60)).as(live.stderr()).isZero();
            assertThat(statusById(live.stdout().strip())).containsEntry(ids.get(0), "running")
                    .containsEntry(ids.get(1), "running");
            KonProcess text = KonProcess.start(dir, "workers-text", env, "workers");
            assertThat(text.waitFor(60)).as(text.stderr()).isZero();
            assertThat(text.stdout()).contains("WORKER", ids.get(0), ids.get(1), "running", "kon-tasks");

            // A run whose four long tasks keep both workers' two threads busy, long enough for a slow machine to
            // start 'kon status' while they run: both hold it.
            KonProcess submit = KonProcess.start(dir, "submit", env, "submit", workload.toString(), "--bundle", "1",
                    "--detach");
            assertThat(submit.waitFor(60)).as(submit.stderr()).isZero();
            Matcher m = Pattern.compile("submitted run (\\S+):").matcher(submit.stdout());
            assertThat(m.find()).as(submit.stdout()).isTrue();
            String runId = m.group(1);
            WorkerRegistry registry = AwsBackends.create(clients, names, Clock.systemUTC()).workers();
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> registry.find(id)
                    .map(w -> w.holds(runId)).orElse(false)));
            KonProcess status = KonProcess.start(dir, "status", env, "status", runId);
            status.waitFor(60);
            assertThat(status.stdout()).as(status.stderr()).contains("workers     2", ids.get(0), ids.get(1));

            killed.process.destroyForcibly();
            stopped.process.destroy();
            assertThat(killed.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // SIGTERM finishes the tasks in hand (up to 20 s; the stop waits a lease) before the worker says it stopped.
            assertThat(stopped.waitFor(60)).isEqualTo(143);
            assertThat(stopped.stderr()).contains("worker " + ids.get(1) + " stopped after 2 tasks");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                KonProcess all = KonProcess.start(dir, "workers-all", env, "workers", "--all", "--lost-after",
                        LOST_AFTER.toMillis() + "ms", "-o", "json");
                assertThat(all.waitFor(60)).as(all.stderr()).isZero();
                assertThat(statusById(all.stdout().strip())).containsEntry(ids.get(0), "lost")
                        .containsEntry(ids.get(1), "stopped");
            });
            KonProcess none = KonProcess.start(dir, "workers-none", env, "workers", "--lost-after", "2s");
            assertThat(none.waitFor(60)).as(none.stderr()).isZero();
            assertThat(none.stdout()).startsWith("no live workers on table 'kon-ledger-workers'");
        } finally {
            procs.forEach(p -> p.process.destroyForcibly());
        }
    }
}
