package dev.kon.cli;

import dev.kon.Backend;
import dev.kon.aws.AwsBackends;
import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import java.time.Clock;

/** The AWS clients and the {@link Backend} built on them, for one command; closes the clients. */
final class CloudContext implements AutoCloseable {
    final AwsClients clients;
    final CloudNames names;
    final Backend backend;

    private CloudContext(AwsClients clients, CloudNames names) {
        this.clients = clients;
        this.names = names;
        // KON_REGISTRIES=off: the benchmark switch that leaves the registries out (AwsBackends.withoutRegistries)
        this.backend = AwsBackends.forEnvironment(clients, names, Clock.systemUTC(), System.getenv());
    }

    /** For a command that sends requests: each client is built on first use, and most need SQS only. */
    static CloudContext open(CloudOptions options) {
        // names first: a bad name is refused before anything is built or probed
        CloudNames names = options.names();
        return new CloudContext(options.clients(), names);
    }

    /** For a worker: every client built before it says it is ready, none in the middle of its first task. */
    static CloudContext openAllBuilt(CloudOptions options) {
        return new CloudContext(AwsClients.create(options.settings()).buildAll(), options.names());
    }

    @Override
    public void close() {
        clients.close();
    }
}
