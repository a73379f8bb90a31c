package dev.kon.aws.usage;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.s3.model.S3Request;
import software.amazon.awssdk.services.sqs.model.SqsRequest;

/**
 * What one call is billed as, by service: {@link SqsRules}, {@link DynamoDbRules}, {@link S3Rules}. A call of any
 * other service is counted as {@link UsageKind#FREE}. Stateless.
 */
public final class BillingRules {
    private BillingRules() {
    }

    /**
     * The charge of one answered call.
     *
     * @param operation the SDK's operation name ({@code PutObject}); S3's rules go by it
     * @param response  the call's response, or null when the service refused it
     */
    public static Charge charge(String operation, SdkRequest request, SdkResponse response) {
        if (request instanceof SqsRequest) {
            return SqsRules.charge(request, response);
        }
        if (request instanceof DynamoDbRequest) {
            return DynamoDbRules.charge(request, response);
        }
        if (request instanceof S3Request) {
            return S3Rules.charge(operation);
        }
        return Charge.of(UsageKind.FREE, 0);
    }
}
