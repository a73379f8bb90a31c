package dev.kon.localcloud;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;

/**
 * ElasticMQ serving the SQS protocol (JSON and query) on 127.0.0.1. Queue URLs it hands out carry the host and
 * port the client used, so port 0 works.
 *
 * <p>Stopping: a long poll still open (a client that went away mid-wait) would hold ElasticMQ's own graceful stop
 * for up to 20 s, so {@link #close()} gives open connections {@link #CONNECTION_GRACE_SECONDS} and then closes
 * them. It then ends the actor system, which this class owns for that reason: ElasticMQ's own stop would terminate
 * the binding a second time, and Pekko warns about that on every stop.
 */
final class SqsServer implements AutoCloseable {
    static final String NAME = "SQS (ElasticMQ)";
    private static final long CONNECTION_GRACE_SECONDS = 1;
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final ActorSystem actors;
    private final SQSRestServer server;
    private final int port;

    private SqsServer(ActorSystem actors, SQSRestServer server, int port) {
        this.actors = actors;
        this.server = server;
        this.port = port;
    }

    static SqsServer start(int port, String region) {
        if (port != 0) {
            LoopbackPorts.requireFree(port, NAME);
        }
        ActorSystem actors = ActorSystem.create("elasticmq");
        try {
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors)
                    .withPort(port)
                    .withInterface(LoopbackPorts.HOST)
                    .withAWSRegion(region)
                    .start();
            int bound = server.waitUntilStarted().localAddress().getPort();
            return new SqsServer(actors, server, bound);
        } catch (RuntimeException e) {
            terminate(actors);
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
            Http.ServerBinding binding = server.waitUntilStarted();
            Await.result(binding.terminate(FiniteDuration.apply(CONNECTION_GRACE_SECONDS, TimeUnit.SECONDS)),
                    FiniteDuration.apply(CONNECTION_GRACE_SECONDS + 4, TimeUnit.SECONDS));
        } catch (Exception e) {
            // ending the actor system below closes whatever the binding left open
        } finally {
            terminate(actors);
        }
    }

    private static void terminate(ActorSystem actors) {
        actors.terminate();
        try {
            actors.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalCloudException(NAME + " did not stop within " + STOP_TIMEOUT_SECONDS + "s", e);
        }
    }
}
