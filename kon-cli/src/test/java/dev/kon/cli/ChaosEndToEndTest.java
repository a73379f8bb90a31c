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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: three {@code kon worker} processes run 5,000 tasks while the test kills them (SIGKILL, then starts a
 * replacement) and freezes them (SIGSTOP for longer than the lease, then SIGCONT) at random moments. Every task
 * must be reported exactly once, and no two attempts of a task may run at the same time, except within the
 * stated window: one second after a frozen worker wakes. The tasks are {@link TickHandler} tasks, which record a
 * tick every 50 ms while they run; two attempts ran at once only if both ticked within one interval.
 */
@Tag("slow")
class ChaosEndToEndTest {
    private static final int TASKS = 5000;
    private static final int EVENTS = 6;
    private static final long WINDOW_MS = 1000;
    private final List<KonProcess> everyProcess = new CopyOnWriteArrayList<>();
    /** When each frozen process was woken, by pid. */
    private final Map<Long, List<Long>> wakes = new HashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void killAll() {
        everyProcess.forEach(p -> {
            signal(p, "CONT");
            p.process.destroyForcibly();
        });
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

    private KonProcess worker(Map<String, String> env, CloudNames names, String name) throws IOException {
        KonProcess p = KonProcess.start(dir, name, env, "worker", "--queue", names.taskQueue(), "--table",
                names.ledgerTable(), "--bucket", names.bucket(), "--threads", "4", "--lease", "6s",
                "--idle-exit", "0");
        everyProcess.add(p);
        return p;
    }

    @Test
    void workersKilledAndFrozenAtRandom_everyTaskIsReportedOnce_andNoTwoAttemptsOverlapBeyondTheWindow()
            throws Exception {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        Path ticks = Files.createDirectories(dir.resolve("ticks"));
        Path workload = dir.resolve("workload.txt");
        Files.write(workload, Collections.nCopies(TASKS, "tick " + ticks + " 60"));
        Path log = dir.resolve("responses.log");
        CloudNames names = CloudNames.defaults().withVisibilityTimeout(Duration.ofSeconds(6));
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(clients, names).provision();
            Map<String, String> env = cloud.environment();
            List<KonProcess> workers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                workers.add(worker(env, names, "w" + i));
            }
            KonProcess submit = KonProcess.start(dir, "submit", env, "submit", workload.toString(), "--queue",
                    names.taskQueue(), "--table", names.ledgerTable(), "--bucket", names.bucket(), "--log",
                    log.toString(), "--bundle", "10", "--timeout", "150s", "-q");
            everyProcess.add(submit);
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(log) && Files.size(log) > 0);

            List<String> events = new ArrayList<>();
            for (int e = 0; e < EVENTS && submit.process.isAlive(); e++) {
                Thread.sleep(2000 + random.nextInt(2000));
                int victim = random.nextInt(workers.size());
                KonProcess w = workers.get(victim);
                if (random.nextBoolean()) {
                    w.process.destroyForcibly();
                    workers.set(victim, worker(env, names, "w" + (everyProcess.size() + 1)));
                    events.add("killed " + w.process.pid());
                } else {
                    signal(w, "STOP");
                    Thread.sleep(7000 + random.nextInt(3000));
                    wakes.computeIfAbsent(w.process.pid(), k -> new ArrayList<>()).add(System.currentTimeMillis());
                    signal(w, "CONT");
                    events.add("froze " + w.process.pid());
                }
            }

            int exit = submit.waitFor(170);

            String context = "seed " + seed + ", events " + events + ", client: " + submit.stderr();
            System.out.println("chaos: " + context.strip());
            assertThat(exit).as(context).isZero();
            assertThat(events).as("chaos events before the run ended").hasSizeGreaterThanOrEqualTo(2);
            List<Long> ids = new ArrayList<>();
            for (String l : Files.readAllLines(log)) {
                if (!l.startsWith("#")) {
                    ids.add(Long.parseLong(l.split("\t")[0]));
                }
            }
            assertThat(ids).as(context).hasSize(TASKS);
            assertThat(new HashSet<>(ids)).as(context).hasSize(TASKS);
            assertThat(overlapsOutsideTheWindow(ticks)).as(context).isEmpty();
        }
    }

    /** One tick: task, attempt, process, time. */
    private record Tick(long task, long attempt, long pid, long millis) {
        String runner() {
            return pid + "#" + attempt;
        }
    }

    /**
     * Pairs of ticks of one task from two attempts (another process, or another claim) less than one tick
     * interval apart, where neither tick falls in the window after its process woke from a freeze.
     */
    private List<String> overlapsOutsideTheWindow(Path ticksDir) throws IOException {
        Map<Long, List<Tick>> byTask = new HashMap<>();
        try (Stream<Path> files = Files.list(ticksDir)) {
            for (Path f : files.toList()) {
                for (String l : Files.readAllLines(f)) {
                    String[] p = l.split(" ");
                    if (p.length == 4) {
                        Tick t = new Tick(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                                Long.parseLong(p[3]));
                        byTask.computeIfAbsent(t.task(), k -> new ArrayList<>()).add(t);
                    }
                }
            }
        }
        assertThat(byTask).as("tasks that ticked").hasSizeGreaterThanOrEqualTo(TASKS);
        List<String> bad = new ArrayList<>();
        for (List<Tick> ts : byTask.values()) {
            Set<String> runners = new HashSet<>();
            ts.forEach(t -> runners.add(t.runner()));
            if (runners.size() < 2) {
                continue;
            }
            for (Tick a : ts) {
                for (Tick b : ts) {
                    if (a.runner().compareTo(b.runner()) < 0 && Math.abs(a.millis() - b.millis())
                            < TickHandler.EVERY_MS && !inWindow(a) && !inWindow(b)) {
                        bad.add(a + " and " + b);
                    }
                }
            }
        }
        return bad;
    }

    private boolean inWindow(Tick t) {
        for (long woke : wakes.getOrDefault(t.pid(), List.of())) {
            if (t.millis() >= woke && t.millis() <= woke + WINDOW_MS) {
                return true;
            }
        }
        return false;
    }
}
