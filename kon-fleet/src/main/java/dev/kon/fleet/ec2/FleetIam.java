package dev.kon.fleet.ec2;

import dev.kon.KonException;
import dev.kon.task.UserText;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;

/**
 * The IAM role and instance profile a fleet's instances run as ({@code kon cloud provision --fleet}), with least
 * privilege: the worker's own calls on this queue (and its dead-letter queue, where it puts poison messages), the
 * clients' reply queues ({@code kon-resp-*}, where results go), this ledger table and the tables named after it
 * ({@code <table>-runs}, {@code <table>-workers}), and this bucket's objects. Nothing else: no EC2, no IAM, no
 * other queue, table or bucket. Creating is safe to repeat: what exists is kept and its policy written again.
 */
public final class FleetIam {
    static final String POLICY_NAME = "kon-worker";
    static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";

    private final IamClient iam;

    public FleetIam(IamClient iam) {
        this.iam = iam;
    }

    /** The role's and the profile's name for workers of {@code queue}: {@code kon-worker-<queue>}, at most 64. */
    public static String profileName(String queue) {
        String name = "kon-worker-" + queue;
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    /** Where the resources a fleet works on are: for the ARNs in the policy. */
    public record Scope(String partition, String region, String account, String queue, String deadLetterQueue,
            String table, String bucket) {
    }

    /** The role's inline policy: what a {@code kon worker} calls, on these resources only. */
    public static String policy(Scope s) {
        String sqs = "arn:" + s.partition() + ":sqs:" + s.region() + ":" + s.account() + ":";
        String ddb = "arn:" + s.partition() + ":dynamodb:" + s.region() + ":" + s.account() + ":table/";
        String s3 = "arn:" + s.partition() + ":s3:::" + s.bucket();
        return """
                {"Version":"2012-10-17","Statement":[
                {"Sid":"TaskQueue","Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage",\
                "sqs:DeleteMessageBatch","sqs:ChangeMessageVisibility","sqs:ChangeMessageVisibilityBatch",\
                "sqs:GetQueueUrl","sqs:GetQueueAttributes"],"Resource":"%1$s%2$s"},
                {"Sid":"DeadLetters","Effect":"Allow","Action":["sqs:SendMessage","sqs:GetQueueUrl",\
                "sqs:GetQueueAttributes"],"Resource":"%1$s%3$s"},
                {"Sid":"Replies","Effect":"Allow","Action":["sqs:SendMessage","sqs:GetQueueUrl"],\
                "Resource":"%1$skon-resp-*"},
                {"Sid":"Tables","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem",\
                "dynamodb:UpdateItem","dynamodb:Query","dynamodb:TransactWriteItems","dynamodb:DescribeTable"],\
                "Resource":["%4$s%5$s","%4$s%5$s-*"]},
                {"Sid":"Blobs","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject",\
                "s3:AbortMultipartUpload"],"Resource":"%6$s/*"}
                ]}""".formatted(sqs, s.queue(), s.deadLetterQueue(), ddb, s.table(), s3);
    }

    /**
     * Creates (or updates) the role, its policy and the instance profile holding it.
     *
     * @return the instance profile's name
     */
    public String provision(Scope scope) {
        String name = profileName(scope.queue());
        try {
            try {
                iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)
                        .description("Kon workers of queue " + scope.queue()));
            } catch (EntityAlreadyExistsException exists) {
                // kept: provisioning again only writes the policy again
            }
            iam.putRolePolicy(r -> r.roleName(name).policyName(POLICY_NAME).policyDocument(policy(scope)));
            try {
                iam.createInstanceProfile(r -> r.instanceProfileName(name));
            } catch (EntityAlreadyExistsException exists) {
                // kept
            }
            try {
                iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(name));
            } catch (LimitExceededException alreadyHoldsOne) {
                // a profile holds one role: it holds this one from an earlier run
            }
            return name;
        } catch (IamException e) {
            String said = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new KonException("cannot create the fleet's role " + name + ": " + UserText.excerpt(
                    String.valueOf(said)), e);
        }
    }
}
