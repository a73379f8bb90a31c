package dev.kon.fleet.ec2;

import dev.kon.KonException;
import dev.kon.task.UserText;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** EC2's error codes as messages that say what to do. */
final class Ec2Errors {
    private Ec2Errors() {
    }

    static KonException explain(String action, Ec2Exception e, FleetSpec spec) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        String said = UserText.excerpt(String.valueOf(message));
        return switch (code) {
            case "DryRunOperation" -> new Ec2Fleet.DryRunPassed(action);
            case "InsufficientInstanceCapacity" -> new KonException("EC2 has no capacity for "
                    + (spec == null ? "this instance type" : spec.instanceType()) + " now (" + said + "); try "
                    + "another --instance-type, another subnet's zone, or later", e);
            case "UnauthorizedOperation" -> new KonException(action + " is not allowed for these credentials ("
                    + said + "); the user running kon fleet needs ec2:" + action + " and iam:PassRole on the "
                    + "fleet's role", e);
            case "RequestLimitExceeded" -> new KonException("EC2 throttled " + action + " and the retries did not "
                    + "get through; try again in a minute", e);
            default -> new KonException(action + " failed: " + (code.isEmpty() ? "" : code + ": ") + said, e);
        };
    }
}
