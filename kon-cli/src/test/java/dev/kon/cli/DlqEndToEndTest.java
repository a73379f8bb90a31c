package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.queue.SqsQueueService;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kon dlq} as a user meets it, on the local cloud with {@code kon worker} processes: a bundle whose task kills
 * every worker that takes it is given up and dead-lettered with its reason, listed and shown; once the cause is
 * gone a redrive runs it for real and its run counts it once; a malformed message is dead-lettered too, and purged.
 */
@Tag("slow")
class DlqEndToEndTest {
    /** Short, so each worker killed by the poison task is followed quickly by the next delivery. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static LocalCloud cloud;
    private static AwsClients clients;
    private final List<KonProcess> started = new ArrayList<>();
    private CloudNames names;
    private int processes;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCloud() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        clients = AwsClients.create(LocalClouds.settings(cloud));
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

    private KonProcess kon(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--queue", names.taskQueue()));
        KonProcess p = KonProcess.start(dir, args[0] + "-" + ++processes, cloud.environment(),
                all.toArray(String[]::new));
        started.add(p);
        return p;
    }

    private Map<String, Object> json(String... args) throws Exception {
        KonProcess p = kon(args);
        assertThat(p.waitFor(90)).as(p.stderr()).isZero();
        return JsonTree.object(p.stdout());
    }

    /** {@code kon status RUN_ID -o json}, which exits 1 while the run has failed tasks. */
    private Map<String, Object> status(String runId) throws Exception {
        KonProcess p = kon("status", runId, "-o", "json");
        assertThat(p.waitFor(90)).as(p.stderr()).isIn(0, 1);
        return JsonTree.object(p.stdout());
    }

    private KonProcess worker() throws IOException {
        return kon("worker", "--threads", "1", "--lease", LEASE.toSeconds() + "s", "--idle-exit", "0");
    }

    private long deadLettered() {
        try (SqsQueueService queues = new SqsQueueService(clients.sqs())) {
            return queues.find(names.deadLetterQueue()).orElseThrow().depth().total();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Test
    void poisonBundle_isDeadLetteredWithItsReason_redrivenOnceTheCauseIsGone_andCountedOnce() throws Exception {
        names = CloudNames.defaults().withTaskQueue("dlq-" + UUID.randomUUID().toString().substring(0, 8))
                .withVisibilityTimeout(LEASE);
        new CloudProvisioner(clients, names).provision();
        Path workload = Files.write(dir.resolve("poison.txt"), List.of("crash " + dir, "crash " + dir,
                "crash " + dir));
        KonProcess submit = kon("submit", workload.toString(), "--detach");
        assertThat(submit.waitFor(90)).as(submit.stderr()).isZero();
        String runId = submit.stdout().split("submitted run ")[1].split(":")[0];

        // Each worker dies on the bundle; a new one takes the next delivery, until one gives the bundle up.
        // Bundles of one task: three poison bundles, each given up and dead-lettered on its own.
        KonProcess[] current = {worker()};
        int[] workers = {1};
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!current[0].process.isAlive()) {
                assertThat(current[0].process.exitValue()).as("killed by the poison task").isEqualTo(70);
                current[0] = worker();
                workers[0]++;
            }
            return deadLettered() == 3;
        });
        assertThat(workers[0]).as("one worker per delivery, the last one gives the bundle up").isGreaterThan(5);
        assertThat(status(runId)).containsEntry("tasks", 3L).containsEntry("failed", 3L);

        Map<String, Object> listed = json("dlq", "list", "-o", "json");
        assertThat(listed).containsEntry("queue", names.deadLetterQueue()).containsEntry("count", 3L);
        assertThat(list(listed.get("messages"))).allSatisfy(m -> {
            assertThat(m).containsEntry("run", runId).containsEntry("taskCount", 1L)
                    .containsEntry("source", names.taskQueue());
            assertThat((String) m.get("reason")).startsWith("given up after ").contains("killed it");
        });
        Map<String, Object> message = list(listed.get("messages")).get(0);
        Map<String, Object> shown = json("dlq", "show", (String) message.get("id"), "-o", "json");
        assertThat(shown).containsEntry("reason", message.get("reason")).containsEntry("run", runId);
        assertThat(list(shown.get("tasks"))).extracting(t -> t.get("line")).containsExactly("crash " + dir);

        Files.createFile(dir.resolve("open"));
        KonProcess redrive = kon("dlq", "redrive", "--all");
        assertThat(redrive.waitFor(90)).as(redrive.stderr()).isZero();
        assertThat(redrive.stdout()).contains("redrove 3 message(s)");

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ranLines().size() == 3);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(status(runId)).containsEntry("tasks", 3L).containsEntry("done", 3L)
                        .containsEntry("succeeded", 3L).containsEntry("failed", 0L));
        assertThat(ranLines()).as("each task ran once, after the redrive").doesNotHaveDuplicates().hasSize(3);
        assertThat(deadLettered()).isZero();

        // A message no worker can read is dead-lettered on receipt, with the reason (a wire version newer than the
        // worker's is named as such); purge deletes them for good.
        try (SqsQueueService queues = new SqsQueueService(clients.sqs())) {
            queues.open(names.taskQueue()).send(List.of("{not a bundle", "{\"v\":9,\"run\":\"r\",\"bundle\":\"r-b1\","
                    + "\"reply\":\"kon-resp-r\",\"tasks\":[{\"id\":1,\"type\":\"sleep\",\"args\":\"0\"}]}"));
        }
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> deadLettered() == 2);
        List<Map<String, Object>> unreadable = list(json("dlq", "list", "-o", "json").get("messages"));
        assertThat(unreadable).allSatisfy(m -> {
            assertThat((String) m.get("reason")).startsWith("malformed body");
            assertThat(m.get("run")).isNull();
        });
        assertThat(unreadable).anySatisfy(m -> assertThat((String) m.get("reason"))
                .contains("unknown message version 9 (this Kon reads 1)"));
        KonProcess purge = kon("dlq", "purge", "--yes");
        assertThat(purge.waitFor(90)).as(purge.stderr()).isZero();
        assertThat(purge.stdout()).contains("deleted 2 message(s)");
        assertThat(json("dlq", "list", "-o", "json")).containsEntry("count", 0L);
    }

    /** The task ids the crash tasks wrote once they ran, one line per run of a task, across every worker. */
    private List<String> ranLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("once-")).toList()) {
                lines.addAll(Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList());
            }
        }
        return lines;
    }
}
