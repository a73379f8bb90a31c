package dev.kon.worker;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/** Makes worker ids unique across machines, processes and restarts: {@code host/pid/random}. */
public final class WorkerIdentity {
    /** The Kon version a worker reports in its heartbeat; the same as {@code kon --version} says. */
    public static final String VERSION = "0.1.0";

    private WorkerIdentity() {
    }

    public static String create() {
        return host() + "/" + ProcessHandle.current().pid() + "/"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    }

    /** This machine's host name, or {@code localhost} when it has none. */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
