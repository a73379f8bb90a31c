package dev.kon.cli;

import dev.kon.blob.BlobException;
import dev.kon.ledger.LedgerException;
import dev.kon.queue.QueueException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.HttpHostConnectException;

/**
 * One line a person can act on, for the failures of talking to the cloud that have a usual cause: nothing listening
 * at an endpoint, a host that does not resolve, no credentials. The SDK's own messages for these run to four retries
 * or 1,500 characters of provider chain.
 */
final class CloudErrors {
    static final String NO_CREDENTIALS = "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
            + "AWS_PROFILE (a profile in ~/.aws/credentials or ~/.aws/config; 'aws sso login' for SSO), or run with "
            + "an instance or container role; for the local cloud: source .kon/cloud.env";
    private static final String LOCAL_CLOUD_HINT = "is 'kon cloud start' running? .kon/cloud.env may be stale";
    private static final String ENDPOINT_HINT = "check --endpoint and AWS_ENDPOINT_URL*";
    /** Endpoints come from the user (flags, environment): no message repeats more of one than this. */
    private static final int MAX_ECHO = 200;

    private CloudErrors() {
    }

    /** The line for nothing listening at {@code endpoint} on this machine, where {@code services} should be. */
    static String nothingAt(List<String> services, String endpoint) {
        return "no " + orList(services) + " at " + clip(endpoint) + ": " + LOCAL_CLOUD_HINT;
    }

    /** The line for {@code failure}, or empty when it has no usual cause (its own message is then the best). */
    static Optional<String> explain(Throwable failure) {
        String service = serviceOf(failure);
        for (Throwable c = failure; c != null; c = c.getCause()) {
            String message = c.getMessage() == null ? "" : c.getMessage();
            if (message.startsWith("Unable to load credentials")) {
                return Optional.of(NO_CREDENTIALS);
            }
            if (c instanceof HttpHostConnectException refused) {
                URI endpoint = URI.create(refused.getHost().toURI());
                return Optional.of(LoopbackEndpoints.isLoopback(endpoint)
                        ? nothingAt(List.of(service), endpoint.toString())
                        : "no " + service + " at " + clip(endpoint.toString()) + " (connection refused): "
                                + ENDPOINT_HINT);
            }
            if (c instanceof ConnectTimeoutException timedOut) {
                String where = timedOut.getHost() == null ? "" : " at " + clip(timedOut.getHost().toURI());
                return Optional.of(service + where + " does not answer (connect timed out): " + ENDPOINT_HINT
                        + ", and the network");
            }
            if (c instanceof UnknownHostException) {
                return Optional.of("cannot find " + service + ": unknown host '" + clip(message)
                        + "' (no network, or a wrong endpoint or region?)");
            }
        }
        return Optional.empty();
    }

    /** Kon's adapters say which port failed by the exception's type. */
    private static String serviceOf(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof QueueException) {
                return "SQS";
            }
            if (c instanceof LedgerException) {
                return "DynamoDB";
            }
            if (c instanceof BlobException) {
                return "S3";
            }
        }
        return "the cloud service";
    }

    private static String orList(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static String clip(String s) {
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO - 3) + "...";
    }
}
