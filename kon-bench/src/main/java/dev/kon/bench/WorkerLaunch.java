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
     * The JVM options the {@code kon} script gives a long-running command a user starts: its class-data archive
     * when the script made one and named it in {@value #ARCHIVE_ENV}, then the user's own {@code KON_JAVA_OPTS}
     * (split at spaces). For processes that stand for a user's own commands ({@code kon submit}, {@code kon cloud
     * start}).
     */
    public List<String> userJvmOptions() {
        List<String> out = new ArrayList<>();
        String archive = System.getenv(ARCHIVE_ENV);
        if (archive != null && !archive.isBlank() && Files.isRegularFile(Path.of(archive))) {
            out.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off"));
        }
        String user = System.getenv("KON_JAVA_OPTS");
        if (user != null && !user.isBlank()) {
            out.addAll(List.of(user.trim().split("\\s+")));
        }
        return out;
    }

    /** Set by the {@code kon} script to the class-data archive it started this JVM with. */
    public static final String ARCHIVE_ENV = "KON_CDS_ARCHIVE";
}
