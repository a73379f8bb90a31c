package dev.kon.aws.usage;

import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Hands each finished call to a {@link UsageMeter}: answered calls after their execution (retries included, so
 * once per call), and calls the service refused. Stateless apart from the meter; thread-safe.
 */
final class MeteringInterceptor implements ExecutionInterceptor {
    private final UsageMeter meter;

    MeteringInterceptor(UsageMeter meter) {
        this.meter = meter;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String service = service(attributes);
        String operation = operation(attributes);
        Charge charge = BillingRules.charge(operation, context.request(), context.response());
        if (S3.equals(service) && charge.bytesSent() == 0) {
            // What an upload carried (the run record's result files, spilled bodies): its body's length.
            long sent = context.requestBody().flatMap(b -> b.optionalContentLength()).orElse(0L);
            if (sent > 0) {
                charge = new Charge(charge.kind(), charge.units(), sent, charge.bytesReceived());
            }
        }
        meter.record(service, operation, charge);
    }

    /** The SDK's service name of S3. */
    static final String S3 = "S3";

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // Only answers are billed: a refusal (failed condition, cancelled transaction) is, a call that never
        // reached the service or was throttled is not.
        if (context.exception() instanceof SdkServiceException e && !e.isThrottlingException()) {
            meter.record(service(attributes), operation(attributes), context.request(),
                    context.response().orElse(null));
        }
    }

    private static String service(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        return name == null ? "unknown" : name;
    }

    private static String operation(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name == null ? "unknown" : name;
    }
}
