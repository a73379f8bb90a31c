package dev.kon.aws.usage;

import java.util.Objects;

/**
 * What the calls of one operation added up to. Immutable.
 *
 * @param service       the SDK's service name: {@code Sqs}, {@code DynamoDb}, {@code S3}
 * @param operation     the API operation: {@code SendMessageBatch}, {@code TransactWriteItems}, ...
 * @param kind          how the operation is billed
 * @param requests      calls counted (ones the service answered, with a result or a refusal)
 * @param units         billable units of {@code kind} those calls came to
 * @param bytesSent     message payload carried to the service (SQS bodies and attributes)
 * @param bytesReceived message payload brought back (SQS bodies and attributes)
 */
public record OperationUsage(String service, String operation, UsageKind kind, long requests, double units,
        long bytesSent, long bytesReceived) {
    public OperationUsage {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code service/operation}, the key of this row. */
    public String key() {
        return service + "/" + operation;
    }

    OperationUsage plus(OperationUsage o, int sign) {
        return new OperationUsage(service, operation, kind, requests + sign * o.requests, units + sign * o.units,
                bytesSent + sign * o.bytesSent, bytesReceived + sign * o.bytesReceived);
    }

    boolean isZero() {
        return requests == 0 && units == 0 && bytesSent == 0 && bytesReceived == 0;
    }
}
