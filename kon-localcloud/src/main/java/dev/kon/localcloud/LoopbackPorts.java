package dev.kon.localcloud;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks TCP ports on 127.0.0.1, so a taken port fails with its number rather than a server's stack. */
final class LoopbackPorts {
    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** Throws a message naming the port and the service when {@code port} is taken on 127.0.0.1. */
    static void requireFree(int port, String service) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
        } catch (IOException e) {
            throw portTaken(port, service, e);
        }
    }

    /** True if {@code e} or one of its causes is a failure to bind a listening socket. */
    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    static LocalCloudException portTaken(int port, String service, Throwable cause) {
        return new LocalCloudException(service + " cannot listen on " + HOST + ":" + port
                + ": the port is taken (another local cloud running? choose another port or 0 for any)", cause);
    }
}
