package dev.kon.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How cloud mode starts a worker process: {@code <java> <jvmOptions> -cp <classPath> <mainClass> worker --queue Q
 * --threads 1 --idle-exit 0 --table T --bucket B}. The main class is named as a string because kon-bench cannot
 * depend on kon-cli (kon-cli depends on kon-bench). Immutable; start from {@link #defaults()}.
 *
 * @param java         the java executable (default: this JVM's, {@code java.home/bin/java})
 * @param classPath    the workers' class path (default: this JVM's {@code java.class.path}, which under
 *                     {@code java -jar kon.jar} is the jar, whose manifest names its libraries)
 * @param mainClass    the class whose {@code main} takes the {@code worker} subcommand (default
 *                     {@value #DEFAULT_MAIN_CLASS})
 * @param jvmOptions   options for each worker JVM (default {@link #DEFAULT_JVM_OPTIONS}: a small heap, the
 *                     serial collector and the C1 compiler only, so sixteen workers fit beside the benchmark on a
 *                     small machine: sixteen C2 compilers on two cores cost more CPU than their code saves; in
 *                     alternating runs on two cores, C1 only read 67-71 % against 60-62 % efficiency on 10 ms
 *                     tasks with 16 workers, and 6,900-7,800 against 5,400-5,800 tasks/s with 4 and 16 workers)
 * @param readyTimeout how long to wait for every worker's ready line (default 120 s: sixteen JVMs starting at once
 *                     on two cores take a while)
 * @param stopGrace    how long a worker has to exit after SIGTERM before it is killed (default 15 s)
 */
public record WorkerLaunch(Path java, String classPath, String mainClass, List<String> jvmOptions,
        Duration readyTimeout, Duration stopGrace) {
    public static final String DEFAULT_MAIN_CLASS = "dev.kon.cli.Main";
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(15);

    public WorkerLaunch {
        Objects.requireNonNull(java, "java");
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalArgumentException("classPath must not be blank");
        }
        if (mainClass == null || mainClass.isBlank()) {
            throw new IllegalArgumentException("mainClass must not be blank");
        }
        jvmOptions = List.copyOf(jvmOptions);
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("readyTimeout must be > 0s, was " + readyTimeout.toSeconds() + "s");
        }
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must be >= 0s, was " + stopGrace.toSeconds() + "s");
        }
    }

    /** This JVM's java and class path, {@code dev.kon.cli.Main}, the default options and timeouts. */
    public static WorkerLaunch defaults() {
        return new WorkerLaunch(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), DEFAULT_MAIN_CLASS, DEFAULT_JVM_OPTIONS,
                DEFAULT_READY_TIMEOUT, DEFAULT_STOP_GRACE);
    }

    public WorkerLaunch withMainClass(String name) {
        return new WorkerLaunch(java, classPath, name, jvmOptions, readyTimeout, stopGrace);
    }

    public WorkerLaunch withReadyTimeout(Duration timeout) {
        return new WorkerLaunch(java, classPath, mainClass, jvmOptions, timeout, stopGrace);
    }

    public WorkerLaunch withStopGrace(Duration grace) {
        return new WorkerLaunch(java, classPath, mainClass, jvmOptions, readyTimeout, grace);
    }

    /** The command line of one worker with one thread on {@code queue}, never exiting when idle. */
    public List<String> command(String queue, String table, String bucket) {
        return command(queue, table, bucket, 1);
    }

    /** The command line of one worker with {@code threads} task threads on {@code queue}, never exiting when idle. */
    public List<String> command(String queue, String table, String bucket, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, mainClass, "worker", "--queue", queue, "--threads",
                Integer.toString(threads), "--idle-exit", "0", "--table", table, "--bucket", bucket));
        return cmd;
    }

    /**
     * The command line of {@code kon ARGS} as a user runs it: through the {@code kon} script when this JVM was
     * started by it (the script names itself in {@value #SCRIPT_ENV}), so the process gets what a user's gets (the
     * class-data archive, the JVM options the script picks for that command, {@code KON_JAVA_OPTS}); else this
     * JVM's java and class path. The script ends in {@code exec java}, so the process's pid is the JVM's.
     */
    public List<String> userCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        String script = System.getenv(SCRIPT_ENV);
        if (script != null && !script.isBlank() && Files.isExecutable(Path.of(script))) {
            cmd.add(script);
        } else {
            cmd.addAll(List.of(java.toString(), "-cp", classPath, mainClass));
        }
        cmd.addAll(args);
        return cmd;
    }

    /** Set by the {@code kon} script, for the JVM it starts, to its own path. */
    public static final String SCRIPT_ENV = "KON_SCRIPT";
}
