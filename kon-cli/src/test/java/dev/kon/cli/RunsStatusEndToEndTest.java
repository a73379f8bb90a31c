package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code kon runs} and {@code kon status} as a user runs them, on the local cloud with a worker process. */
@Tag("slow")
class RunsStatusEndToEndTest {
    @TempDir
    Path dir;

    /** The flat fields of a JSON object (numbers and strings as text), read with jackson-core. */
    private static Map<String, String> fields(String json) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                out.put(name, p.getValueAsString());
            }
        }
        return out;
    }

    @Test
    void aSubmittedRun_isListedByRuns_andStatusShowsItDoneWithItsCounts() throws Exception {
        CloudNames names = CloudNames.defaults();
        Path workload = dir.resolve("fifty.txt");
        List<String> lines = new ArrayList<>(Collections.nCopies(48, "sleep 10"));
        // Passes the workload check, fails on the worker: the test handler takes a number of milliseconds.
        lines.add("tick " + dir + " not-a-number");
        Files.write(workload, lines);
        List<KonProcess> procs = new ArrayList<>();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(clients, names).provision();
            Map<String, String> env = cloud.environment();
            KonProcess worker = KonProcess.start(dir, "worker", env, "worker", "--threads", "4", "--idle-exit", "0");
            procs.add(worker);
            KonProcess submit = KonProcess.start(dir, "submit", env, "submit", workload.toString());
            procs.add(submit);
            assertThat(submit.waitFor(180)).as(submit.stderr()).isEqualTo(1);
            Matcher m = Pattern.compile("run (\\S+), 49 tasks").matcher(submit.stderr() + submit.stdout());
            assertThat(m.find()).as(submit.stderr()).isTrue();
            String runId = m.group(1);

            KonProcess status = KonProcess.start(dir, "status", env, "status", runId, "-o", "json");
            assertThat(status.waitFor(60)).as(status.stderr()).isEqualTo(1);
            Map<String, String> run = fields(status.stdout().strip());
            assertThat(run).containsEntry("run", runId).containsEntry("state", "done")
                    .containsEntry("tasks", "49").containsEntry("sent", "49").containsEntry("done", "49")
                    .containsEntry("failed", "1").containsEntry("succeeded", "48")
                    .containsEntry("workload", "fifty.txt").containsEntry("knownWorkMs", "-1");

            KonProcess text = KonProcess.start(dir, "status-text", env, "status", runId);
            text.waitFor(60);
            assertThat(text.stdout()).contains("run " + runId + "  done", "done        49 (succeeded 48, failed 1)");

            KonProcess list = KonProcess.start(dir, "runs", env, "runs");
            assertThat(list.waitFor(60)).as(list.stderr()).isZero();
            assertThat(list.stdout()).contains("RUN", runId, "done", "49/49", "fifty.txt");

            KonProcess unknown = KonProcess.start(dir, "unknown", env, "status", "no-such-run");
            assertThat(unknown.waitFor(60)).isEqualTo(2);
            assertThat(unknown.stderr()).contains("run 'no-such-run' is unknown");
        } finally {
            procs.forEach(p -> p.process.destroyForcibly());
        }
    }

    @Test
    void cancelInTheMiddleOfARun_stopsItsTasks_andTheClientReportsItCancelled() throws Exception {
        CloudNames names = CloudNames.defaults();
        Path workload = dir.resolve("long.txt");
        Files.write(workload, Collections.nCopies(200, "sleep 1000"));
        Path log = dir.resolve("responses.log");
        List<KonProcess> procs = new ArrayList<>();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(clients, names).provision();
            Map<String, String> env = cloud.environment();
            for (int i = 0; i < 2; i++) {
                procs.add(KonProcess.start(dir, "worker" + i, env, "worker", "--threads", "2", "--idle-exit", "0"));
            }
            KonProcess submit = KonProcess.start(dir, "submit", env, "submit", workload.toString(), "--bundle", "1",
                    "--log", log.toString());
            procs.add(submit);
            Pattern runLine = Pattern.compile("run (\\S+), 200 tasks");
            await().atMost(Duration.ofMinutes(1)).until(() -> runLine.matcher(submit.stderr()).find());
            Matcher m = runLine.matcher(submit.stderr());
            assertThat(m.find()).isTrue();
            String runId = m.group(1);
            // The response log is written as it goes but buffered: watch the registry, as 'kon status' does.
            var registry = dev.kon.aws.AwsBackends.create(clients, names, java.time.Clock.systemUTC()).runs();
            await().atMost(Duration.ofMinutes(2)).until(() -> registry.find(runId)
                    .map(r -> r.done() >= 4).orElse(false));

            KonProcess cancel = KonProcess.start(dir, "cancel", env, "cancel", runId);
            assertThat(cancel.waitFor(60)).as(cancel.stdout() + cancel.stderr()).isZero();
            assertThat(cancel.stdout()).contains("cancelled run " + runId);

            // Every task is answered: the few run, the rest cancelled, most without running at all.
            assertThat(submit.waitFor(120)).as(submit.stderr()).isEqualTo(1);
            assertThat(submit.stdout()).contains("run " + runId + " (cancelled)");
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.startsWith("#")).toList();
            assertThat(lines).hasSize(200);
            assertThat(lines.stream().filter(l -> l.contains("cancelled: the run was cancelled")).count())
                    .isGreaterThan(150);

            KonProcess status = KonProcess.start(dir, "status", env, "status", runId, "-o", "json");
            status.waitFor(60);
            assertThat(fields(status.stdout().strip())).containsEntry("state", "cancelled")
                    .containsEntry("done", "200");
            KonProcess again = KonProcess.start(dir, "cancel-again", env, "cancel", runId);
            assertThat(again.waitFor(60)).isZero();
            assertThat(again.stdout()).contains("is cancelled already");
        } finally {
            procs.forEach(p -> p.process.destroyForcibly());
        }
    }
}
