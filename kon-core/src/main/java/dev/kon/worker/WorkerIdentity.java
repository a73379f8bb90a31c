package dev.kon.worker;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/** Makes worker ids unique across machines, processes and restarts: {@code host/pid/random}. */
public final class WorkerIdentity {
    private WorkerIdentity() {
    }

    public static String create() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    }
}
