package dev.kon.fleet;

import dev.kon.KonException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers as {@code kon worker} processes on this machine, so the autoscaler works on the local cloud and in tests.
 * A process is starting until it prints its {@code ready} line, then running; draining sends it SIGTERM, on which a
 * Kon worker takes no more bundles, finishes those in hand and exits. A process that has exited is no longer a
 * member; its lifetime is kept ({@link #lifetimes()}) for counting worker-seconds.
 *
 * <p>If this JVM exits while workers run, a shutdown hook stops them as {@link #close()} does (SIGTERM, the stop
 * grace, then kill), so none is left behind and none is killed in the middle of its drain.
 *
 * <p>Thread-safety: all methods are synchronized; the threads copying each worker's output take the lock only to
 * mark it ready.
 */
public final class LocalProvider implements WorkerProvider {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProvider.class);
    private final LocalLaunch launch;
    private final Clock clock;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Lifetime> ended = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::close, "kon-fleet-stop-workers");
    private int started;
    private boolean closed;

    /** One process's life: from launch to exit (or to now, for one still alive). */
    public record Lifetime(long pid, Instant launched, Instant ended) {
        public Duration length() {
            return Duration.between(launched, ended);
        }
    }

    private static final class Worker {
        final Process process;
        final Instant launched;
        volatile boolean ready;
        boolean draining;
        Instant exited;

        Worker(Process process, Instant launched) {
            this.process = process;
            this.launched = launched;
        }
    }

    public LocalProvider(LocalLaunch launch, Clock clock) {
        this.launch = launch;
        this.clock = clock;
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public synchronized List<FleetMember> members() {
        reap();
        List<FleetMember> list = new ArrayList<>();
        for (Worker w : workers) {
            FleetMember.State s = w.draining ? FleetMember.State.DRAINING
                    : w.ready ? FleetMember.State.RUNNING : FleetMember.State.STARTING;
            list.add(new FleetMember(Long.toString(w.process.pid()), s, w.launched));
        }
        return list;
    }

    @Override
    public synchronized void launch(int count) {
        if (closed) {
            throw new IllegalStateException("the local provider is closed");
        }
        try {
            Files.createDirectories(launch.logDir());
            for (int i = 0; i < count; i++) {
                String name = "worker-" + ++started;
                ProcessBuilder pb = new ProcessBuilder(launch.command())
                        .redirectError(launch.logDir().resolve(name + ".err").toFile());
                pb.environment().putAll(launch.env());
                Process p = pb.start();
                p.getOutputStream().close();
                Worker w = new Worker(p, clock.instant());
                workers.add(w);
                Thread copier = new Thread(() -> copy(w, launch.logDir().resolve(name + ".out")),
                        "kon-fleet-" + name);
                copier.setDaemon(true);
                copier.start();
                LOG.info("started worker process {} ({})", p.pid(), name);
            }
        } catch (IOException e) {
            throw new KonException("cannot start a worker process (" + launch.java() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void drain(FleetMember member) {
        for (Worker w : workers) {
            if (Long.toString(w.process.pid()).equals(member.id()) && !w.draining) {
                w.draining = true;
                w.process.destroy();
                LOG.info("draining worker process {}", member.id());
            }
        }
    }

    /** Every process's lifetime so far, ended ones and live ones (up to now). */
    public synchronized List<Lifetime> lifetimes() {
        reap();
        List<Lifetime> all = new ArrayList<>(ended);
        Instant now = clock.instant();
        for (Worker w : workers) {
            all.add(new Lifetime(w.process.pid(), w.launched, now));
        }
        return all;
    }

    /** SIGTERM to every worker, then waits up to the launch's stop grace; kills the ones still running. */
    @Override
    public void close() {
        List<Worker> left;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            left = List.copyOf(workers);
        }
        left.forEach(w -> w.process.destroy());
        long deadline = System.nanoTime() + launch.stopGrace().toNanos();
        try {
            for (Worker w : left) {
                if (!w.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("worker process {} did not exit within {}s of SIGTERM; killing it", w.process.pid(),
                            launch.stopGrace().toSeconds());
                    w.process.destroyForcibly();
                    w.process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            left.forEach(w -> w.process.destroyForcibly());
        }
        synchronized (this) {
            reap();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds the provider closed and returns
        }
    }

    /** Moves exited processes from the members to the ended lifetimes. Caller holds the lock. */
    private void reap() {
        Instant now = clock.instant();
        workers.removeIf(w -> {
            if (w.process.isAlive()) {
                return false;
            }
            Instant end = w.exited != null ? w.exited : now;
            ended.add(new Lifetime(w.process.pid(), w.launched, end));
            if (!w.draining) {
                LOG.warn("worker process {} exited on its own with code {}", w.process.pid(), w.process.exitValue());
            }
            return true;
        });
    }

    /** Copies the worker's stdout to its file and marks it ready at its ready line; notes when the output ends. */
    private void copy(Worker w, Path out) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(w.process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                file.println(line);
                if (line.startsWith("ready ")) {
                    w.ready = true;
                }
            }
        } catch (IOException e) {
            LOG.debug("reading a worker's output ended: {}", e.toString());
        }
        try {
            w.process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            w.exited = clock.instant();
        }
    }
}
