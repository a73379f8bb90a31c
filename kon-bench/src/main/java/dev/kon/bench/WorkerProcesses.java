package dev.kon.bench;

import dev.kon.KonException;
import dev.kon.aws.usage.UsageFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cell's worker processes: started together, ready once each has printed its {@code ready <workerId> <queue>}
 * line, stopped together. Each process's stdout is copied line by line to {@code <name>.out} (by one thread per
 * process, which also spots the ready line) and its stderr goes to {@code <name>.err}, both in the log folder.
 * Each process also gets {@value UsageFile#ENV}{@code =<name>.usage.tsv} there: a Kon worker then counts what its
 * AWS calls would be billed and keeps the counts in that file ({@link #usageFiles()}).
 *
 * <p>Stopping is SIGTERM first ({@link Process#destroy()}), so a worker finishes and flushes what it holds, then
 * {@link Process#destroyForcibly()} for any still running after the launch's grace. If the benchmark JVM exits
 * while workers run, a shutdown hook kills them, so none is left behind.
 *
 * <p>Not thread-safe: start, then close, from one thread.
 */
public final class WorkerProcesses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcesses.class);
    private static final String READY = "ready ";
    private final WorkerLaunch launch;
    private final List<Process> processes = new ArrayList<>();
    private final List<Thread> copiers = new ArrayList<>();
    private final List<CompletableFuture<String>> ready = new ArrayList<>();
    private final List<Path> errFiles = new ArrayList<>();
    private final List<Path> usageFiles = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::killAll, "kon-bench-kill-workers");
    private boolean closed;

    private WorkerProcesses(WorkerLaunch launch) {
        this.launch = launch;
    }

    /**
     * Starts {@code count} processes running {@code command} with {@code env} added to this process's environment,
     * and waits until every one is ready.
     *
     * @param name prefix of the log files: {@code <name>-w1.out}, {@code <name>-w1.err}, ...
     * @throws KonException naming the worker and its log when one fails to start, exits early or is not ready in
     *                      time; the others are stopped again
     */
    public static WorkerProcesses start(WorkerLaunch launch, List<String> command, Map<String, String> env,
            int count, Path logDir, String name) throws InterruptedException {
        WorkerProcesses workers = new WorkerProcesses(launch);
        Runtime.getRuntime().addShutdownHook(workers.killOnExit);
        try {
            Files.createDirectories(logDir);
            for (int i = 1; i <= count; i++) {
                workers.launch(command, env, logDir, name + "-w" + i);
            }
            workers.awaitReady();
            return workers;
        } catch (IOException e) {
            workers.close();
            throw new KonException("cannot start worker processes (" + command.get(0) + "): " + e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            workers.close();
            throw e;
        }
    }

    /** Where each process keeps its usage counts, in start order; a file appears once its process has written it. */
    public List<Path> usageFiles() {
        return List.copyOf(usageFiles);
    }

    /** The processes' ids, in start order. */
    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    /** The worker ids the processes announced, in start order. */
    public List<String> workerIds() {
        return ready.stream().map(CompletableFuture::join).toList();
    }

    private void launch(List<String> command, Map<String, String> env, Path logDir, String name) throws IOException {
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        Path usage = logDir.resolve(name + ".usage.tsv").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().put(UsageFile.ENV, usage.toString());
        usageFiles.add(usage);
        Process p = pb.start();
        processes.add(p);
        p.getOutputStream().close();
        errFiles.add(err);
        CompletableFuture<String> isReady = new CompletableFuture<>();
        ready.add(isReady);
        Thread copier = new Thread(() -> copy(p, out, err, isReady), "kon-bench-" + name);
        copier.setDaemon(true);
        copier.start();
        copiers.add(copier);
    }

    /** Copies the worker's stdout to its file; completes {@code isReady} at the ready line or at the end. */
    private static void copy(Process p, Path out, Path err, CompletableFuture<String> isReady) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                file.write(line);
                file.newLine();
                file.flush();
                if (!isReady.isDone() && line.startsWith(READY)) {
                    String[] parts = line.split(" ");
                    isReady.complete(parts.length > 1 ? parts[1] : "?");
                }
            }
        } catch (IOException e) {
            LOG.debug("reading a worker's output ended: {}", e.toString());
        }
        if (!isReady.isDone()) {
            String code = p.isAlive() ? "closed its output" : "exited with code " + waitQuietly(p);
            isReady.completeExceptionally(new KonException("worker process " + p.pid() + " " + code
                    + " before printing its ready line; see " + err + " and " + out));
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + launch.readyTimeout().toNanos();
        for (int i = 0; i < ready.size(); i++) {
            try {
                ready.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw (KonException) e.getCause();
            } catch (TimeoutException e) {
                throw new KonException("worker " + (i + 1) + " of " + ready.size() + " (pid " + processes.get(i).pid()
                        + ") printed no ready line within " + launch.readyTimeout().toSeconds() + "s; see "
                        + errFiles.get(i));
            }
        }
    }

    /** SIGTERM to all, then waits up to the grace; kills the ones still running. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + launch.stopGrace().toNanos();
        for (Process p : processes) {
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("worker process {} did not exit within {}s of SIGTERM; killing it", p.pid(),
                        launch.stopGrace().toSeconds());
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (Thread t : copiers) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills what is left
        }
    }

    private void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    private static String waitQuietly(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
