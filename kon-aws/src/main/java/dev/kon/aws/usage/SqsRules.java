package dev.kon.aws.usage;

import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * SQS bills every API call as a request, and each 64 KiB of one call's payload as one more: a call carrying 100 KiB
 * is two requests, a batch of ten 1 KiB messages one. The payload is what the call carries (sends: the bodies and
 * message attributes of all its entries together) or brings back (a receive: the bodies and attributes of what it
 * returned). A call with no payload, an empty receive included, is one request. Stateless.
 */
final class SqsRules {
    /** The size of payload SQS bills as one request. */
    static final long CHUNK_BYTES = 64 * 1024;

    private SqsRules() {
    }

    static Charge charge(SdkRequest request, SdkResponse response) {
        if (request instanceof SendMessageBatchRequest batch) {
            long bytes = 0;
            for (SendMessageBatchRequestEntry e : batch.entries()) {
                bytes += Utf8.length(e.messageBody()) + attributes(e.messageAttributes());
            }
            return new Charge(UsageKind.SQS_REQUEST, requests(bytes), bytes, 0);
        }
        if (request instanceof SendMessageRequest send) {
            long bytes = Utf8.length(send.messageBody()) + attributes(send.messageAttributes());
            return new Charge(UsageKind.SQS_REQUEST, requests(bytes), bytes, 0);
        }
        if (response instanceof ReceiveMessageResponse received) {
            long bytes = 0;
            for (Message m : received.messages()) {
                bytes += Utf8.length(m.body()) + attributes(m.messageAttributes());
            }
            return new Charge(UsageKind.SQS_REQUEST, requests(bytes), 0, bytes);
        }
        return Charge.of(UsageKind.SQS_REQUEST, 1);
    }

    /** Billable requests of one call carrying {@code payloadBytes}: one per started 64 KiB, at least one. */
    static long requests(long payloadBytes) {
        return Math.max(1, (payloadBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    private static long attributes(Map<String, MessageAttributeValue> attributes) {
        long bytes = 0;
        for (Map.Entry<String, MessageAttributeValue> a : attributes.entrySet()) {
            MessageAttributeValue v = a.getValue();
            bytes += Utf8.length(a.getKey()) + Utf8.length(v.dataType()) + Utf8.length(v.stringValue());
            SdkBytes binary = v.binaryValue();
            bytes += binary == null ? 0 : binary.asByteBuffer().remaining();
        }
        return bytes;
    }
}
