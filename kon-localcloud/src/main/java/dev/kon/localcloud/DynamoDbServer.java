package dev.kon.localcloud;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * DynamoDB Local, in memory, one database for every credential and region ({@code -sharedDb}), served over
 * HTTP on 127.0.0.1.
 *
 * <p>Why not {@code ServerRunner}: its server listens on every interface and cannot take port 0. This class
 * wires the same request handler into a Jetty server bound to loopback instead. Telemetry is never configured,
 * so none is sent (the equivalent of {@code -disableTelemetry}).
 *
 * <p>Why a thread group: DynamoDB Local's background jobs (stream shard rollover, TTL deletion) sleep for hours on
 * non-daemon threads that its own shutdown does not wake, which would keep the JVM alive after {@link #close()}.
 * The server is built and started on a thread of its own group, so every thread it creates joins that group, and
 * {@link #close()} interrupts what is left in it.
 */
final class DynamoDbServer implements AutoCloseable {
    static final String NAME = "DynamoDB Local";

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long LEFTOVER_JOIN_MILLIS = 500;

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final int port;
    private final ThreadGroup threads;

    private DynamoDbServer(Server server, LocalDynamoDBServerHandler handler, int port, ThreadGroup threads) {
        this.server = server;
        this.handler = handler;
        this.port = port;
        this.threads = threads;
    }

    static DynamoDbServer start(int port) {
        ThreadGroup threads = new ThreadGroup("kon-dynamodb-local-" + INSTANCES.incrementAndGet());
        FutureTask<DynamoDbServer> start = new FutureTask<>(() -> start(port, threads));
        new Thread(threads, start, threads.getName() + "-start").start();
        try {
            return start.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new LocalCloudException(NAME + " failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalCloudException(NAME + ": interrupted while starting", e);
        }
    }

    private static DynamoDbServer start(int port, ThreadGroup threads) {
        if (port != 0) {
            LoopbackPorts.requireFree(port, NAME);
        }
        LocalDynamoDBServerHandler handler;
        try {
            // (port, inMemory, dbPath, sharedDb, delayTransientStatuses), as ServerRunner passes them
            handler = new LocalDynamoDBServerHandler(
                    new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        } catch (Exception e) {
            throw new LocalCloudException(NAME + " failed to initialise: " + e.getMessage(), e);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(LoopbackPorts.HOST);
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        server.setHandler(new ContextHandlerCollection(context));
        try {
            server.start();
            return new DynamoDbServer(server, handler, connector.getLocalPort(), threads);
        } catch (Exception e) {
            stopQuietly(server, handler);
            interruptAll(threads);
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
            server.stop();
        } catch (Exception e) {
            throw new LocalCloudException(NAME + " failed to stop: " + e.getMessage(), e);
        } finally {
            handler.close();
            interruptAll(threads);
        }
    }

    /** Wakes DynamoDB Local's sleeping background jobs, which then end (their executors are shut down). */
    private static void interruptAll(ThreadGroup threads) {
        Thread[] left = new Thread[threads.activeCount() + 16];
        int count = threads.enumerate(left);
        for (int i = 0; i < count; i++) {
            if (left[i] != Thread.currentThread()) {
                left[i].interrupt();
            }
        }
        for (int i = 0; i < count; i++) {
            if (left[i] == Thread.currentThread()) {
                continue;
            }
            try {
                left[i].join(LEFTOVER_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void stopQuietly(Server server, LocalDynamoDBServerHandler handler) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing to start: the start failure is the one to report
        }
        handler.close();
    }
}
