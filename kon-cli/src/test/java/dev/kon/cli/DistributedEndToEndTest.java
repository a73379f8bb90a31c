package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.bench.WorkerLaunch;
import dev.kon.bench.WorkerProcesses;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.queue.TaskQueue;
import dev.kon.aws.queue.SqsQueueService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed mode with real processes on the local cloud: {@code kon worker} processes, {@code kon submit}
 * and {@code kon collect} as a user runs them, and the failures the design promises to survive.
 */
@Tag("slow")
class DistributedEndToEndTest {
    private static LocalCloud cloud;
    private static AwsClients clients;
    private static final CloudNames NAMES = CloudNames.defaults().withVisibilityTimeout(Duration.ofSeconds(5));
    private static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCloud() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        clients = AwsClients.create(LocalClouds.settings(cloud));
        new CloudProvisioner(clients, NAMES).provision();
        env = cloud.environment();
    }

    @AfterAll
    static void stopCloud() {
        clients.close();
        cloud.close();
    }

    /** Workers with a short lease, so a killed worker's tasks come back within seconds. */
    private WorkerProcesses workers(int count) throws InterruptedException {
        WorkerLaunch launch = WorkerLaunch.defaults();
        List<String> cmd = new ArrayList<>(launch.command(NAMES.taskQueue(), NAMES.ledgerTable(), NAMES.bucket()));
        cmd.addAll(List.of("--lease", "5s"));
        return WorkerProcesses.start(launch, cmd, env, count, dir.resolve("logs"), "e2e");
    }

    private Path workload(int tasks, String line) throws Exception {
        Path file = dir.resolve("workload.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            lines.add(line);
        }
        Files.write(file, lines);
        return file;
    }

    /** Task ids in a response log, each as often as it appears. */
    private static List<Long> loggedIds(Path log) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            if (!l.startsWith("#")) {
                ids.add(Long.parseLong(l.split("\t")[0]));
            }
        }
        return ids;
    }

    @Test
    void workerKilledMidRun_everyTaskIsReportedExactlyOnceAndNoneIsLost() throws Exception {
        Path work = workload(5000, "sleep 2");
        Path log = dir.resolve("responses.log");
        try (WorkerProcesses procs = workers(3)) {
            KonProcess submit = KonProcess.start(dir, "submit", env, "submit", work.toString(), "--log",
                    log.toString(), "--bundle", "10", "--timeout", "5m");
            // Kill a worker outright once the run is well under way.
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(log) && loggedIds(log).size() > 800);
            String victimId = procs.workerIds().get(0);
            long victim = Long.parseLong(victimId.split("/")[1]);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();

            int exit = submit.waitFor(300);

            assertThat(exit).as(submit.stderr()).isZero();
            List<Long> ids = loggedIds(log);
            assertThat(ids).hasSize(5000);
            assertThat(new HashSet<>(ids)).hasSize(5000);
            assertThat(submit.stdout()).contains("succeeded   5,000").contains("failed      0");
            // The victim was serving the run when it died (so its bundles in hand had to come back).
            assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("\t" + victimId + "/"));
        }
    }

    @Test
    void malformedMessage_goesToTheDeadLetterQueueAndTheWorkersLiveOn() throws Exception {
        SqsQueueService queues = new SqsQueueService(clients.sqs());
        TaskQueue dead = queues.open(NAMES.deadLetterQueue());
        long deadBefore = dead.depth().total();
        try (WorkerProcesses procs = workers(2)) {
            queues.open(NAMES.taskQueue()).send(List.of("{\"v\":1,\"tasks\":\"not a list\"}", "garbage"));

            await().atMost(Duration.ofSeconds(60)).until(() -> dead.depth().total() >= deadBefore + 2);
            KonProcess submit = KonProcess.start(dir, "after", env, "submit", workload(50, "sleep 1").toString(), "-q");
            assertThat(submit.waitFor(120)).as(submit.stderr()).isZero();
        }
    }

    @Test
    void clientKilledAfterSubmitting_collectGetsEveryResult() throws Exception {
        Path work = workload(400, "sleep 20");
        KonProcess submit = KonProcess.start(dir, "submit", env, "submit", work.toString(), "--bundle", "5");
        Pattern runLine = Pattern.compile("run (\\S+), 400 tasks");
        await().atMost(Duration.ofMinutes(1)).until(() -> runLine.matcher(submit.stderr()).find());
        Matcher m = runLine.matcher(submit.stderr());
        assertThat(m.find()).isTrue();
        String runId = m.group(1);
        try (WorkerProcesses procs = workers(2)) {
            // The client dies while workers are answering: some results were received and kept, some not yet.
            await().atMost(Duration.ofMinutes(1)).until(() -> !clients.sqs().listQueues().queueUrls().isEmpty());
            Thread.sleep(2000); // let results flow to the client for a moment before it dies
            submit.process.destroyForcibly();
            submit.process.waitFor();

            Path log = dir.resolve("collected.log");
            KonProcess collect = KonProcess.start(dir, "collect", env, "collect", runId, "--log", log.toString(),
                    "--timeout", "3m", "-q");
            int exit = collect.waitFor(240);

            assertThat(exit).as(collect.stderr()).isZero();
            List<Long> ids = loggedIds(log);
            Set<Long> distinct = new HashSet<>(ids);
            assertThat(distinct).hasSize(400);
            assertThat(ids).hasSize(400);
            assertThat(collect.stdout()).contains("succeeded   400");
        }
    }
}
