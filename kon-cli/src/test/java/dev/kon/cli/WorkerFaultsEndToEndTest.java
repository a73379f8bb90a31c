package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kon worker} processes frozen for real (SIGSTOP) and stopped every way a worker stops, on the local cloud.
 */
@Tag("slow")
class WorkerFaultsEndToEndTest {
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
        started.forEach(p -> {
            signal(p, "CONT");
            p.process.destroyForcibly();
        });
    }

    /** A queue of this test's own, so what one test leaves on it cannot reach another's workers. */
    private void provision(Duration visibility) {
        String q = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        names = CloudNames.defaults().withTaskQueue(q).withVisibilityTimeout(visibility);
        new CloudProvisioner(clients, names).provision();
    }

    private KonProcess worker(String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("worker", "--queue", names.taskQueue(), "--table",
                names.ledgerTable(), "--bucket", names.bucket(), "--threads", "1"));
        args.addAll(List.of(extra));
        KonProcess p = KonProcess.start(dir, name, env, args.toArray(String[]::new));
        started.add(p);
        await().atMost(Duration.ofSeconds(60)).until(() -> p.stdout().startsWith("ready "));
        return p;
    }

    private KonProcess submit(String name, Path workload, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("submit", workload.toString(), "--queue", names.taskQueue(),
                "--table", names.ledgerTable(), "--bucket", names.bucket(), "-q"));
        args.addAll(List.of(extra));
        KonProcess p = KonProcess.start(dir, name, env, args.toArray(String[]::new));
        started.add(p);
        return p;
    }

    private Path workload(String line, int times) throws IOException {
        Path file = dir.resolve("workload-" + UUID.randomUUID() + ".txt");
        Files.write(file, java.util.Collections.nCopies(times, line));
        return file;
    }

    private static void signal(KonProcess p, String sig) {
        try {
            new ProcessBuilder("kill", "-" + sig, Long.toString(p.process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tick times in a tick file, in order: see {@link TickHandler}. */
    private static List<Long> ticks(Path ticksDir, long pid) throws IOException {
        Path f = ticksDir.resolve("ticks-" + pid + ".log");
        if (!Files.exists(f)) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (String l : Files.readAllLines(f)) {
            String[] p = l.split(" ");
            if (p.length == 4) {
                out.add(Long.parseLong(p[3]));
            }
        }
        return out;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void frozenWorker_stopsTheTaskItLostWithinASecondOfWaking_whileTheWorkerThatTookItOverGoesOn() throws Exception {
        provision(Duration.ofSeconds(6));
        Path ticksDir = Files.createDirectories(dir.resolve("ticks"));
        KonProcess a = worker("a", "--lease", "6s", "--idle-exit", "0");
        submit("submit", workload("tick " + ticksDir + " 40000", 1), "--detach");
        await().atMost(Duration.ofSeconds(60)).until(() -> !ticks(ticksDir, a.process.pid()).isEmpty());
        KonProcess b = worker("b", "--lease", "6s", "--idle-exit", "0");

        signal(a, "STOP");
        // A's lease and its message's visibility run out; B receives the message and claims the task.
        await().atMost(Duration.ofSeconds(60)).until(() -> !ticks(ticksDir, b.process.pid()).isEmpty());
        long woke = System.currentTimeMillis();
        signal(a, "CONT");
        Thread.sleep(3000); // A would tick some 60 times in this while if it had kept running the task

        List<Long> afterWaking = ticks(ticksDir, a.process.pid()).stream().filter(t -> t >= woke).toList();
        assertThat(afterWaking).allSatisfy(t -> assertThat(t).isLessThan(woke + 1000));
        assertThat(ticks(ticksDir, b.process.pid())).anySatisfy(t -> assertThat(t).isGreaterThan(woke + 2000));
        assertThat(a.process.isAlive()).isTrue();
    }

    @Test
    void workerLastLine_isWhole_whenStoppedBySigtermRightAfterARun() throws Exception {
        provision(Duration.ofSeconds(6));
        for (int round = 0; round < 3; round++) {
            KonProcess w = worker("w" + round, "--lease", "6s", "--idle-exit", "0");
            KonProcess s = submit("s" + round, workload("sleep 10", 20));
            assertThat(s.waitFor(120)).as(s.stderr()).isZero();

            w.process.destroy();

            assertThat(w.waitFor(60)).isEqualTo(143);
            assertThat(lastLine(w.stderr())).matches("worker \\S+ stopped after 20 tasks");
        }
    }

    @Test
    void workerLastLine_isWhole_whenItStopsIdle() throws Exception {
        provision(Duration.ofSeconds(6));
        KonProcess w = worker("idle", "--idle-exit", "1s");

        assertThat(w.waitFor(60)).isZero();
        assertThat(lastLine(w.stderr())).matches("worker \\S+ stopped after 0 tasks");
    }

    @Test
    void workerWithATaskThatWillNotStop_exitsWithFourAndSaysWhy() throws Exception {
        provision(Duration.ofSeconds(3));
        KonProcess w = worker("stuck", "--lease", "3s", "--idle-exit", "0");
        submit("s", workload("stubborn 60000", 1), "--detach");

        assertThat(w.waitFor(60)).isEqualTo(4);
        assertThat(lastLine(w.stderr())).matches("worker \\S+ failed: .*has not stopped \\d+s after it was timed out.*");
    }
}
