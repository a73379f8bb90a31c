package dev.kon.localcloud;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a {@link LocalCloud}. Immutable; start from {@link #defaults()} and change fields with the
 * {@code withX(..)} methods.
 *
 * @param sqsPort      TCP port of the SQS server (ElasticMQ) on 127.0.0.1; 0 picks a free port
 * @param dynamoDbPort TCP port of DynamoDB Local on 127.0.0.1; 0 picks a free port
 * @param s3Port       TCP port of the S3 server (s3proxy) on 127.0.0.1; 0 picks a free port
 * @param region       the AWS region the servers claim to be in (it appears in queue ARNs); clients must use it
 * @param accessKey    the one access key id the S3 server accepts (SQS and DynamoDB Local accept any)
 * @param secretKey    the secret key belonging to {@code accessKey}; S3 requests are signed with it and checked
 * @param s3DataDir    where the S3 server keeps objects, made absolute; null keeps them in memory until close
 */
public record LocalCloudConfig(int sqsPort, int dynamoDbPort, int s3Port, String region, String accessKey,
                               String secretKey, Path s3DataDir) {
    /** The port ElasticMQ listens on by default, as in its own documentation. */
    public static final int DEFAULT_SQS_PORT = 9324;
    /** The port DynamoDB Local listens on by default, as in its own documentation. */
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    /** The port the S3 server listens on by default (MinIO's and LocalStack-free setups' habit). */
    public static final int DEFAULT_S3_PORT = 9000;
    /** The region the local cloud claims; any will do, this is the one most tools assume. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The fixed local access key id: not a secret, the servers only listen on loopback. */
    public static final String DEFAULT_ACCESS_KEY = "kon";
    /** The fixed local secret key: not a secret, the servers only listen on loopback. */
    public static final String DEFAULT_SECRET_KEY = "kon-local-secret";

    public LocalCloudConfig {
        checkPort("sqsPort", sqsPort);
        checkPort("dynamoDbPort", dynamoDbPort);
        checkPort("s3Port", s3Port);
        if ((sqsPort != 0 && (sqsPort == dynamoDbPort || sqsPort == s3Port))
                || (dynamoDbPort != 0 && dynamoDbPort == s3Port)) {
            throw new IllegalArgumentException("sqsPort, dynamoDbPort and s3Port must differ, were "
                    + sqsPort + ", " + dynamoDbPort + ", " + s3Port);
        }
        checkText("region", region);
        checkText("accessKey", accessKey);
        checkText("secretKey", secretKey);
        if (s3DataDir != null) {
            s3DataDir = s3DataDir.toAbsolutePath().normalize();
        }
    }

    /** The default ports (9324, 8000, 9000), region us-east-1, the fixed local credentials, S3 in memory. */
    public static LocalCloudConfig defaults() {
        return new LocalCloudConfig(DEFAULT_SQS_PORT, DEFAULT_DYNAMODB_PORT, DEFAULT_S3_PORT, DEFAULT_REGION,
                DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, null);
    }

    /** The defaults with every port 0: each server on a free port; what tests use. */
    public static LocalCloudConfig ephemeral() {
        return defaults().withSqsPort(0).withDynamoDbPort(0).withS3Port(0);
    }

    public LocalCloudConfig withSqsPort(int port) {
        return new LocalCloudConfig(port, dynamoDbPort, s3Port, region, accessKey, secretKey, s3DataDir);
    }

    public LocalCloudConfig withDynamoDbPort(int port) {
        return new LocalCloudConfig(sqsPort, port, s3Port, region, accessKey, secretKey, s3DataDir);
    }

    public LocalCloudConfig withS3Port(int port) {
        return new LocalCloudConfig(sqsPort, dynamoDbPort, port, region, accessKey, secretKey, s3DataDir);
    }

    public LocalCloudConfig withRegion(String newRegion) {
        return new LocalCloudConfig(sqsPort, dynamoDbPort, s3Port, newRegion, accessKey, secretKey, s3DataDir);
    }

    public LocalCloudConfig withCredentials(String newAccessKey, String newSecretKey) {
        return new LocalCloudConfig(sqsPort, dynamoDbPort, s3Port, region, newAccessKey, newSecretKey, s3DataDir);
    }

    /** Keeps S3 objects in files under {@code dir} (created if missing), so they survive a restart. */
    public LocalCloudConfig withS3DataDir(Path dir) {
        return new LocalCloudConfig(sqsPort, dynamoDbPort, s3Port, region, accessKey, secretKey,
                Objects.requireNonNull(dir, "s3DataDir"));
    }

    /** Keeps S3 objects in memory: they are gone when the cloud closes. */
    public LocalCloudConfig withS3InMemory() {
        return new LocalCloudConfig(sqsPort, dynamoDbPort, s3Port, region, accessKey, secretKey, null);
    }

    private static void checkPort(String field, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(field + " must be 0 (any free port) or 1-65535, was " + port);
        }
    }

    private static void checkText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
