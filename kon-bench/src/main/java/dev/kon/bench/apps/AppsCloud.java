package dev.kon.bench.apps;

import dev.kon.Backend;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.bench.LocalCloudSettings;
import dev.kon.bench.WorkerLaunch;
import dev.kon.bench.WorkerProcesses;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The testbed of {@code kon bench apps}: a local cloud in this JVM on free ports, provisioned with the default
 * names (the ones {@code kon cal}, {@code kon pic} and {@code kon animoto} use without options), sessions of the
 * clients and backend those commands open on it, and {@code kon worker} processes started on demand.
 * {@link #close} tears down the queues, table and bucket, then stops the cloud; stop the workers before.
 *
 * <p>Not thread-safe: one benchmark thread.
 */
final class AppsCloud implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppsCloud.class);
    static final CloudNames NAMES = CloudNames.defaults();

    private final LocalCloud cloud;
    private final AwsClients clients;
    final WorkerLaunch launch = WorkerLaunch.defaults();
    private final Map<String, String> env;

    private AppsCloud(LocalCloud cloud, AwsClients clients) {
        this.cloud = cloud;
        this.clients = clients;
        this.env = Map.copyOf(cloud.environment());
    }

    /** Starts and provisions the cloud; if provisioning fails, the cloud is stopped again. */
    static AppsCloud start() {
        LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        AwsClients clients = null;
        try {
            clients = AwsClients.create(LocalCloudSettings.of(cloud));
            new CloudProvisioner(clients, NAMES).provision();
            return new AppsCloud(cloud, clients);
        } catch (RuntimeException e) {
            if (clients != null) {
                clients.close();
            }
            cloud.close();
            throw e;
        }
    }

    /**
     * Clients and a backend of their own, as {@code kon cal}, {@code kon pic} and {@code kon animoto} open them for
     * each command.
     */
    Session openSession() {
        return new Session(AwsClients.create(LocalCloudSettings.of(cloud)));
    }

    /** One command's clients; close it after the request. */
    static final class Session implements AutoCloseable {
        private final AwsClients clients;
        final Backend backend;

        private Session(AwsClients clients) {
            this.clients = clients;
            this.backend = backendOf(clients);
        }

        @Override
        public void close() {
            clients.close();
        }
    }

    private static Backend backendOf(AwsClients clients) {
        return AwsBackends.create(clients, NAMES, Clock.systemUTC());
    }

    Duration startTime() {
        return cloud.startTime();
    }

    /** The AWS_* variables that point a {@code kon} process at this cloud. */
    Map<String, String> env() {
        return env;
    }

    /** Starts {@code count} worker processes, one task thread each, and waits until all are ready. */
    WorkerProcesses startWorkers(int count, Path logDir, String name) throws InterruptedException {
        return WorkerProcesses.start(launch, launch.command(NAMES.taskQueue(), NAMES.ledgerTable(), NAMES.bucket()),
                env, count, logDir, name);
    }

    /**
     * {@code kon args...} as a user's shell runs it through the {@code kon} script: this JVM's java and class
     * path, no JVM options (the script adds only KON_JAVA_OPTS).
     */
    List<String> konCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(launch.java().toString(), "-cp", launch.classPath(),
                launch.mainClass()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * CPU time the worker processes have used so far, in seconds; empty if a worker's pid cannot be read from its
     * id ({@code host/pid/random}) or the OS does not tell.
     */
    static OptionalDouble workersCpuSeconds(List<String> workerIds) {
        double total = 0;
        for (String id : workerIds) {
            String[] parts = id.split("/");
            Optional<Duration> cpu;
            try {
                cpu = ProcessHandle.of(Long.parseLong(parts[1])).flatMap(p -> p.info().totalCpuDuration());
            } catch (RuntimeException e) {
                return OptionalDouble.empty();
            }
            if (cpu.isEmpty()) {
                return OptionalDouble.empty();
            }
            total += cpu.get().toNanos() / 1e9;
        }
        return OptionalDouble.of(total);
    }

    /** CPU time this JVM (the local cloud, the image server, the client) has used so far, in seconds; -1 if unknown. */
    static double ownCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1e9;
        }
        return -1;
    }

    /** One minute load average of the machine, or -1 where the OS has none. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Deletes the queues, table and bucket, then stops the cloud. The workers must be stopped already. */
    @Override
    public void close() {
        try {
            new CloudProvisioner(clients, NAMES).teardown();
        } catch (RuntimeException e) {
            LOG.warn("teardown of the local cloud's resources failed: {}", e.toString());
        } finally {
            try {
                clients.close();
            } finally {
                cloud.close();
            }
        }
    }
}
