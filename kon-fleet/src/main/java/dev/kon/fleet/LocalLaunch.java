package dev.kon.fleet;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the local provider starts a worker: {@code <java> <jvmOptions> -cp <classPath> <mainClass> worker
 * --queue Q --table T --bucket B --threads N --idle-exit 0}, with {@code env} added to the environment (the local
 * cloud's endpoints and credentials). The main class is a string: kon-fleet cannot depend on kon-cli.
 *
 * @param java       the java executable (default: this JVM's)
 * @param classPath  the class path (default: this JVM's, which under {@code java -jar kon.jar} is the jar)
 * @param mainClass  the class whose main takes the {@code worker} subcommand (default {@value #DEFAULT_MAIN_CLASS})
 * @param jvmOptions options per worker JVM (default {@link #DEFAULT_JVM_OPTIONS}: small heap, serial collector, C1
 *                   only, so eight workers fit on two cores beside everything else)
 * @param queue      task queue
 * @param table      ledger table
 * @param bucket     bucket
 * @param threads    task threads per worker
 * @param env        added to each worker's environment
 * @param logDir     where each worker's stdout and stderr go ({@code worker-<n>.out}, {@code .err})
 * @param stopGrace  how long a closing provider waits for its workers after SIGTERM before killing them
 */
public record LocalLaunch(Path java, String classPath, String mainClass, List<String> jvmOptions, String queue,
        String table, String bucket, int threads, Map<String, String> env, Path logDir, Duration stopGrace) {
    public static final String DEFAULT_MAIN_CLASS = "dev.kon.cli.Main";
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(40);

    public LocalLaunch {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(logDir, "logDir");
        jvmOptions = List.copyOf(jvmOptions);
        env = Map.copyOf(env);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }

    /**
     * This JVM's java and class path, the default options, one thread, logs under {@code logDir}. When this JVM maps
     * a class-data archive (the {@code kon} script makes one of kon.jar), the workers map it too: a worker JVM then
     * starts sooner, and a scaled fleet's start is most of what it pays for a burst.
     */
    public static LocalLaunch defaults(String queue, String table, String bucket, Map<String, String> env,
            Path logDir) {
        List<String> options = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        options.addAll(classDataOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return new LocalLaunch(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), DEFAULT_MAIN_CLASS, options, queue, table, bucket,
                1, env, logDir, DEFAULT_STOP_GRACE);
    }

    /** Of a JVM's options, those naming its class-data archive and keeping the JVM quiet about it. */
    static List<String> classDataOptions(List<String> jvmArguments) {
        List<String> kept = new ArrayList<>();
        if (jvmArguments.stream().noneMatch(a -> a.startsWith("-XX:SharedArchiveFile="))) {
            return kept;
        }
        for (String a : jvmArguments) {
            if (a.startsWith("-XX:SharedArchiveFile=") || a.equals("-Xshare:auto") || a.startsWith("-Xlog:cds")) {
                kept.add(a);
            }
        }
        return kept;
    }

    public LocalLaunch withThreads(int n) {
        return new LocalLaunch(java, classPath, mainClass, jvmOptions, queue, table, bucket, n, env, logDir,
                stopGrace);
    }

    /** The worker's command line. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, mainClass, "worker", "--queue", queue, "--table", table, "--bucket",
                bucket, "--threads", Integer.toString(threads), "--idle-exit", "0"));
        return cmd;
    }
}
