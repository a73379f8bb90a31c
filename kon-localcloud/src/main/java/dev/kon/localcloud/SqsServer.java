package dev.kon.localcloud;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ serving the SQS protocol (JSON and query) on 127.0.0.1. Queue URLs it hands out carry the host and
 * port the client used, so port 0 works.
 */
final class SqsServer implements AutoCloseable {
    static final String NAME = "SQS (ElasticMQ)";

    private final SQSRestServer server;
    private final int port;

    private SqsServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static SqsServer start(int port, String region) {
        if (port != 0) {
            LoopbackPorts.requireFree(port, NAME);
        }
        SQSRestServer server = null;
        try {
            server = SQSRestServerBuilder.withPort(port)
                    .withInterface(LoopbackPorts.HOST)
                    .withAWSRegion(region)
                    .start();
            int bound = server.waitUntilStarted().localAddress().getPort();
            return new SqsServer(server, bound);
        } catch (RuntimeException e) {
            if (server != null) {
                server.stopAndWait();
            }
            if (LoopbackPorts.isBindFailure(e)) {
                throw LoopbackPorts.portTaken(port, NAME, e);
            }
            throw new LocalCloudException(NAME + " failed to start on port " + port + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            // A long poll still open (a client that went away mid-wait) holds a graceful stop for up to 20 s:
            // give open connections one second, then close them.
            scala.concurrent.Await.result(server.waitUntilStarted().terminate(
                    scala.concurrent.duration.FiniteDuration.apply(1, java.util.concurrent.TimeUnit.SECONDS)),
                    scala.concurrent.duration.FiniteDuration.apply(5, java.util.concurrent.TimeUnit.SECONDS));
        } catch (Exception e) {
            // the stop below ends what is left
        }
        server.stopAndWait();
    }
}
