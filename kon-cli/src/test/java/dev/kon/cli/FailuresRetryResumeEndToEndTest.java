package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.runs.RunRecord;
import dev.kon.runs.RunRegistry;
import dev.kon.runs.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kon failures}, {@code kon retry} and {@code kon submit --resume} as a user runs them, on the local cloud. */
@Tag("slow")
class FailuresRetryResumeEndToEndTest {
    private static LocalCloud cloud;
    private static AwsClients clients;
    private static Map<String, String> env;
    private final List<KonProcess> started = new ArrayList<>();
    private CloudNames names;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCloud() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        clients = AwsClients.create(LocalClouds.settings(cloud));
        env = cloud.environment();
    }

    @AfterAll
    static void stopCloud() {
        clients.close();
        cloud.close();
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(p -> p.process.destroyForcibly());
    }

    /** A queue of this test's own: what one test leaves on it cannot reach another's workers. */
    private void provision() {
        names = CloudNames.defaults().withTaskQueue("fails-" + UUID.randomUUID().toString().substring(0, 8));
        new CloudProvisioner(clients, names).provision();
    }

    private KonProcess kon(String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--queue", names.taskQueue()));
        KonProcess p = KonProcess.start(dir, name, env, all.toArray(String[]::new));
        started.add(p);
        return p;
    }

    private RunRegistry registry() {
        return AwsBackends.create(clients, names, Clock.systemUTC()).runs();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Test
    void failedTasks_areListedAfterTheClientEnded_andRetryRunsJustThoseAsALinkedRun() throws Exception {
        provision();
        Path gate = dir.resolve("open");
        List<String> lines = new ArrayList<>();
        for (int line = 1; line <= 30; line++) {
            lines.add(line == 5 || line == 12 || line == 27 ? "gate " + gate : "sleep 1");
        }
        Path workload = dir.resolve("thirty.txt");
        Files.write(workload, lines);
        kon("worker", "worker", "--threads", "2", "--idle-exit", "0");

        KonProcess submit = kon("submit", "submit", workload.toString(), "--bundle", "4", "-q", "-o", "json");
        assertThat(submit.waitFor(180)).as(submit.stderr()).isEqualTo(1);
        Map<String, Object> report = JsonTree.object(submit.stdout());
        String runId = (String) report.get("run");
        assertThat(report).containsEntry("state", "done").containsEntry("tasks", 30L)
                .containsEntry("failed", 3L).containsEntry("succeeded", 27L);
        assertThat(list(report.get("failures"))).extracting(f -> f.get("line")).containsExactly(5L, 12L, 27L);
        assertThat(list(report.get("failures"))).allSatisfy(f -> assertThat(f.get("reason")).isEqualTo("gate closed"));

        KonProcess failures = kon("failures", "failures", runId, "-o", "json");
        assertThat(failures.waitFor(60)).as(failures.stderr()).isZero();
        Map<String, Object> kept = JsonTree.object(failures.stdout());
        assertThat(kept).containsEntry("run", runId).containsEntry("failed", 3L);
        assertThat(list(kept.get("failures"))).extracting(f -> f.get("line"), f -> f.get("type"), f -> f.get("args"),
                f -> f.get("reason"), f -> f.get("attempts")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5L, "gate", gate.toString(), "gate closed", 1L),
                        org.assertj.core.groups.Tuple.tuple(12L, "gate", gate.toString(), "gate closed", 1L),
                        org.assertj.core.groups.Tuple.tuple(27L, "gate", gate.toString(), "gate closed", 1L));
        assertThat(list(kept.get("failures"))).allSatisfy(f -> assertThat((String) f.get("worker")).isNotBlank());
        KonProcess limited = kon("failures-text", "failures", runId, "--limit", "2");
        assertThat(limited.waitFor(60)).isZero();
        assertThat(limited.stdout()).contains("3 failed task(s), the first 2 by line", "LINE", "gate closed")
                .doesNotContain("\n27 ");

        Files.createFile(gate);
        KonProcess retry = kon("retry", "retry", runId, "--failed", "-q", "-o", "json");
        assertThat(retry.waitFor(180)).as(retry.stderr()).isZero();
        Map<String, Object> again = JsonTree.object(retry.stdout());
        assertThat(again).containsEntry("state", "done").containsEntry("tasks", 3L).containsEntry("failed", 0L);
        String retryId = (String) again.get("run");
        assertThat(retryId).isNotEqualTo(runId);

        KonProcess status = kon("status", "status", retryId, "-o", "json");
        assertThat(status.waitFor(60)).isZero();
        assertThat(JsonTree.object(status.stdout())).containsEntry("retryOf", runId).containsEntry("tasks", 3L)
                .containsEntry("done", 3L).containsEntry("state", "done");
        KonProcess text = kon("status-text", "status", retryId);
        text.waitFor(60);
        assertThat(text.stdout()).contains("retries     the failed tasks of run " + runId);
    }

    @Test
    void submitKilledWhileSending_isResumedFromTheSameFile_andEveryTaskRunsExactlyOnce() throws Exception {
        provision();
        int tasks = 12_000;
        Path ran = Files.createDirectories(dir.resolve("ran"));
        Path workload = dir.resolve("many.txt");
        Files.write(workload, Collections.nCopies(tasks, "once " + ran));
        // No worker yet: the queue keeps what the first client sent, so the resumed one sends some bundles again.
        KonProcess first = kon("first", "submit", workload.toString(), "--bundle", "2", "-q");
        RunRegistry runs = registry();
        String[] id = new String[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<RunRecord> recent = runs.recent(5).stream().filter(r -> r.taskQueue().equals(names.taskQueue()))
                    .toList();
            if (recent.isEmpty() || recent.get(0).bundles() == 0) {
                return false;
            }
            id[0] = recent.get(0).runId();
            return true;
        });
        first.process.destroyForcibly();
        first.process.waitFor();
        RunRecord killed = runs.find(id[0]).orElseThrow();
        assertThat(killed.state()).as("the client was killed before it had sent everything")
                .isEqualTo(RunState.SUBMITTING);
        assertThat(killed.bundles()).isBetween(1L, tasks / 2 - 1L);

        Path other = dir.resolve("other.txt");
        Files.write(other, Collections.nCopies(tasks, "once " + dir));
        KonProcess wrong = kon("wrong", "submit", other.toString(), "--resume", id[0], "-q");
        assertThat(wrong.waitFor(60)).isEqualTo(2);
        assertThat(wrong.stderr()).contains("is not the file run " + id[0] + " was submitted from");

        for (int i = 0; i < 2; i++) {
            kon("worker" + i, "worker", "--threads", "4", "--idle-exit", "0");
        }
        KonProcess resumed = kon("resumed", "submit", workload.toString(), "--resume", id[0], "-q", "-o", "json");
        assertThat(resumed.waitFor(300)).as(resumed.stderr()).isZero();
        assertThat(JsonTree.object(resumed.stdout())).containsEntry("run", id[0]).containsEntry("state", "done")
                .containsEntry("succeeded", (long) tasks).containsEntry("failed", 0L);

        Map<Long, Integer> runsPerTask = new TreeMap<>();
        try (Stream<Path> files = Files.list(ran)) {
            for (Path f : files.toList()) {
                for (String l : Files.readAllLines(f)) {
                    runsPerTask.merge(Long.parseLong(l.strip()), 1, Integer::sum);
                }
            }
        }
        assertThat(runsPerTask).hasSize(tasks);
        assertThat(runsPerTask.values()).containsOnly(1);
        assertThat(runs.find(id[0]).orElseThrow().state()).isEqualTo(RunState.DONE);

        KonProcess done = kon("done", "submit", workload.toString(), "--resume", id[0], "-q");
        assertThat(done.waitFor(60)).isEqualTo(2);
        assertThat(done.stderr()).contains("every task was sent");
    }
}
