package dev.kon.cli;

import dev.kon.KonException;
import dev.kon.aws.AwsSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks, before any AWS client is built, that something listens at each endpoint on this machine (the local
 * cloud). A refused loopback connection is certain and instant, while the SDK would retry it three times with
 * back-off after seconds of loading: so a stopped local cloud is reported at once, in one line.
 */
final class LoopbackEndpoints {
    /** Loopback answers or refuses within microseconds; this bounds a server too busy to accept. */
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private LoopbackEndpoints() {
    }

    /**
     * Throws when an endpoint of {@code settings} on this machine refuses connections; endpoints elsewhere (and real
     * AWS) are left to the clients.
     *
     * @throws KonException naming the services at the refused endpoint and what to do
     */
    static void requireListening(AwsSettings settings) {
        Map<URI, List<String>> services = new LinkedHashMap<>();
        add(services, settings.sqsEndpoint(), "SQS");
        add(services, settings.dynamoDbEndpoint(), "DynamoDB");
        add(services, settings.s3Endpoint(), "S3");
        services.forEach((endpoint, names) -> {
            if (isLoopback(endpoint) && refuses(endpoint)) {
                throw new KonException(CloudErrors.nothingAt(names, endpoint.toString()));
            }
        });
    }

    private static void add(Map<URI, List<String>> services, URI endpoint, String service) {
        if (endpoint != null) {
            services.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(service);
        }
    }

    /** By name only: resolving any other host could wait on DNS, which is the clients' business. */
    static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}") || host.equals("[::1]");
    }

    private static boolean refuses(URI endpoint) {
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        String host = endpoint.getHost().replace("[", "").replace("]", "");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            // not a plain refusal (a timeout of a busy server): the clients will try and say what happens
            return false;
        }
    }
}
