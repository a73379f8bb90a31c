package dev.kon.localcloud;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
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
 */
final class DynamoDbServer implements AutoCloseable {
    static final String NAME = "DynamoDB Local";

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final int port;

    private DynamoDbServer(Server server, LocalDynamoDBServerHandler handler, int port) {
        this.server = server;
        this.handler = handler;
        this.port = port;
    }

    static DynamoDbServer start(int port) {
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
            return new DynamoDbServer(server, handler, connector.getLocalPort());
        } catch (Exception e) {
            stopQuietly(server, handler);
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
