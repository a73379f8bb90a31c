package dev.kon.aws.usage;

import java.util.Objects;

/**
 * What one call costs: its billing kind, its billable units of that kind, and the message payload it carried.
 *
 * @param kind          how the call is billed
 * @param units         billable units of {@code kind}, >= 0 (a half for an eventually consistent DynamoDB read)
 * @param bytesSent     message payload the call carried to the service (SQS message bodies and attributes), else 0
 * @param bytesReceived message payload the call brought back (SQS message bodies and attributes), else 0
 */
public record Charge(UsageKind kind, double units, long bytesSent, long bytesReceived) {
    public Charge {
        Objects.requireNonNull(kind, "kind");
        if (units < 0 || Double.isNaN(units)) {
            throw new IllegalArgumentException("units must be >= 0, was " + units);
        }
        if (bytesSent < 0 || bytesReceived < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytesSent + " sent, " + bytesReceived
                    + " received");
        }
    }

    /** {@code units} of {@code kind} with no payload. */
    public static Charge of(UsageKind kind, double units) {
        return new Charge(kind, units, 0, 0);
    }
}
