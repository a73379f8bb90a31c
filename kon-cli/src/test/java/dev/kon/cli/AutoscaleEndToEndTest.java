package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kon autoscale --provider local} on the local cloud through a bursty run: it grows a fleet of real worker
 * processes from none when work arrives, shrinks it to the minimum when the queue is idle, grows it again for the
 * second burst, and every task is reported exactly once.
 */
@Tag("slow")
class AutoscaleEndToEndTest {
    private static LocalCloud cloud;
    private static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        try (AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(clients, CloudNames.defaults()).provision();
        }
        env = cloud.environment();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private Path workload(String name, int tasks, String line) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            lines.add(line);
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static List<Long> loggedIds(Path log) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            if (!l.startsWith("#")) {
                ids.add(Long.parseLong(l.split("\t")[0]));
            }
        }
        return ids;
    }

    private void burst(String name, int tasks) throws Exception {
        Path log = dir.resolve(name + ".log");
        KonProcess submit = KonProcess.start(dir, name, env, "submit", workload(name + ".txt", tasks, "sleep 100")
                .toString(), "--log", log.toString(), "--bundle", "10", "--timeout", "4m", "-q");
        assertThat(submit.waitFor(300)).as(submit.stderr()).isZero();
        List<Long> ids = loggedIds(log);
        assertThat(ids).hasSize(tasks);
        assertThat(new HashSet<>(ids)).hasSize(tasks);
    }

    /** Lines saying the fleet is at its minimum of none with nothing to do. */
    private static long idleLines(String out) {
        return out.lines().filter(l -> l.contains("hold (active 0, want 0): queue empty; at size")).count();
    }

    @Test
    void autoscaleLocal_burstIdleBurst_growsShrinksToMinAndGrowsAgain_everyTaskOnce() throws Exception {
        KonProcess scaler = KonProcess.start(dir, "autoscale", env, "autoscale", "--provider", "local", "--min", "0",
                "--max", "3", "--target-drain", "10s", "--cooldown", "3s", "--interval", "1s", "--log-dir",
                dir.resolve("workers").toString());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> scaler.stdout().contains("autoscaling kon-tasks"));

            // 600 x 100 ms = 60 s of work to drain in 10 s: the maximum, 3 workers, at once
            burst("burst1", 600);
            assertThat(scaler.stdout()).contains("launch 3 (active 0, want 3)");
            await().atMost(Duration.ofSeconds(60)).until(() -> idleLines(scaler.stdout()) >= 2);
            assertThat(scaler.stdout()).contains("(active 1, want 0): queue empty; scale in by draining");

            burst("burst2", 300);
            await().atMost(Duration.ofSeconds(60)).until(() -> idleLines(scaler.stdout()) >= 3);
        } finally {
            scaler.process.destroy();
            // 143: the JVM ended by SIGTERM, after its shutdown hook drained the workers
            assertThat(scaler.waitFor(90)).isEqualTo(143);
        }
        String out = scaler.stdout();
        assertThat(out.lines().filter(l -> l.contains(" launch ")).count()).isGreaterThanOrEqualTo(2);
        // every worker the autoscaler started has exited: drained, not left behind
        try (var files = Files.list(dir.resolve("workers"))) {
            for (Path err : files.filter(f -> f.toString().endsWith(".err")).toList()) {
                assertThat(Files.readString(err)).contains("stopped after");
            }
        }
    }
}
