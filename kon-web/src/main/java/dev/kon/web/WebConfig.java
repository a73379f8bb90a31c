package dev.kon.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How {@code kon web} serves.
 *
 * @param host              the address to bind: {@value #DEFAULT_HOST} by default; any other needs {@code token}
 * @param port              the port; 0 for any free one
 * @param token             the access token every request must carry, or null (loopback only)
 * @param maxWorkloadBytes  the largest workload file accepted, streamed to disk: {@value #DEFAULT_MAX_WORKLOAD} bytes
 * @param maxImageBytes     the largest CloudPic image accepted: {@value #MAX_IMAGE} bytes (25 MB)
 */
public record WebConfig(String host, int port, String token, long maxWorkloadBytes, long maxImageBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_WORKLOAD = 100L * 1000 * 1000;
    public static final long MAX_IMAGE = 25L * 1000 * 1000;
    /** The shortest access token accepted: one a browser cannot guess in a lifetime of tries. */
    public static final int MIN_TOKEN_CHARS = 16;

    public WebConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address, was empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (token != null && token.length() < MIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("token must have at least " + MIN_TOKEN_CHARS + " characters, was "
                    + token.length());
        }
        if (token == null && !isLoopback(host)) {
            throw new IllegalArgumentException("binding " + clip(host) + " (not loopback) needs an access token");
        }
        if (maxWorkloadBytes < 1 || maxImageBytes < 1) {
            throw new IllegalArgumentException("upload limits must be >= 1 byte, were " + maxWorkloadBytes + " and "
                    + maxImageBytes);
        }
    }

    /** Loopback on the default port, no token, default limits. */
    public static WebConfig defaults() {
        return new WebConfig(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_WORKLOAD, MAX_IMAGE);
    }

    public WebConfig withPort(int p) {
        return new WebConfig(host, p, token, maxWorkloadBytes, maxImageBytes);
    }

    public WebConfig withHostAndToken(String h, String t) {
        return new WebConfig(h, port, t, maxWorkloadBytes, maxImageBytes);
    }

    public WebConfig withMaxWorkloadBytes(long max) {
        return new WebConfig(host, port, token, max, maxImageBytes);
    }

    /** True for 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
    public static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        // Only literal addresses: a name is not looked up (it could resolve elsewhere later).
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
