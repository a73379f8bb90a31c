package dev.kon.aws;

import dev.kon.KonException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where and as whom Kon talks to AWS: a region, optional endpoint overrides per service (for the local cloud or
 * any other AWS-compatible server), optional static credentials. Immutable.
 *
 * <p>With no endpoint override a client talks to real AWS in {@code region}. With no static credentials the SDK's
 * default credentials chain applies (environment, system properties, profiles, SSO, container and instance roles).
 *
 * @param region           AWS region name, e.g. {@code us-east-1}
 * @param sqsEndpoint      SQS endpoint override, or null for AWS
 * @param dynamoDbEndpoint DynamoDB endpoint override, or null for AWS
 * @param s3Endpoint       S3 endpoint override, or null for AWS; when set, S3 is addressed path-style
 * @param accessKey        static access key id, or null for the default credentials chain
 * @param secretKey        static secret key; set exactly when {@code accessKey} is
 */
public record AwsSettings(String region, URI sqsEndpoint, URI dynamoDbEndpoint, URI s3Endpoint, String accessKey,
                          String secretKey) {
    /** What to do when no link of the SDK's region chain has a region. */
    static final String NO_REGION = "no AWS region: set AWS_REGION (e.g. us-east-1) or --region, or use a profile "
            + "with a region (AWS_PROFILE, ~/.aws/config); for the local cloud: source .kon/cloud.env";

    public AwsSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank (set AWS_REGION, e.g. us-east-1)");
        }
        checkEndpoint("sqsEndpoint", sqsEndpoint);
        checkEndpoint("dynamoDbEndpoint", dynamoDbEndpoint);
        checkEndpoint("s3Endpoint", s3Endpoint);
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("accessKey and secretKey must be given together or not at all");
        }
        if (accessKey != null && (accessKey.isBlank() || secretKey.isBlank())) {
            throw new IllegalArgumentException("accessKey and secretKey must not be blank");
        }
    }

    /** Real AWS in {@code region}, with the default credentials chain. */
    public static AwsSettings of(String region) {
        return new AwsSettings(region, null, null, null, null, null);
    }

    /**
     * Settings as the AWS SDKs and CLI read them: the region from {@code AWS_REGION} or the default region chain
     * (system property {@code aws.region}, profile); endpoints from {@code AWS_ENDPOINT_URL_SQS},
     * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_S3}, falling back to {@code AWS_ENDPOINT_URL};
     * credentials from the default chain. Endpoints set only in a profile file are not read here.
     *
     * @throws KonException when no region is configured anywhere
     */
    public static AwsSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), null);
    }

    /**
     * As {@link #fromEnvironment()}, in {@code region} when it is not null: the region chain is then not asked (off
     * EC2 its last link, the instance metadata service, takes seconds to fail).
     */
    public static AwsSettings fromEnvironment(String region) {
        return fromEnvironment(System.getenv(), region);
    }

    /** As {@link #fromEnvironment()}, reading the variables from {@code env}; for tests. */
    static AwsSettings fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, null);
    }

    static AwsSettings fromEnvironment(Map<String, String> env, String givenRegion) {
        String region = blankToNull(givenRegion);
        if (region == null) {
            region = blankToNull(env.get("AWS_REGION"));
        }
        if (region == null) {
            region = blankToNull(env.get("AWS_DEFAULT_REGION"));
        }
        if (region == null) {
            try {
                region = new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkClientException e) {
                throw new KonException(NO_REGION, e);
            }
        }
        URI all = uri("AWS_ENDPOINT_URL", env.get("AWS_ENDPOINT_URL"));
        return new AwsSettings(region,
                firstNonNull(uri("AWS_ENDPOINT_URL_SQS", env.get("AWS_ENDPOINT_URL_SQS")), all),
                firstNonNull(uri("AWS_ENDPOINT_URL_DYNAMODB", env.get("AWS_ENDPOINT_URL_DYNAMODB")), all),
                firstNonNull(uri("AWS_ENDPOINT_URL_S3", env.get("AWS_ENDPOINT_URL_S3")), all),
                null, null);
    }

    public AwsSettings withEndpoints(URI sqs, URI dynamoDb, URI s3) {
        return new AwsSettings(region, sqs, dynamoDb, s3, accessKey, secretKey);
    }

    public AwsSettings withStaticCredentials(String newAccessKey, String newSecretKey) {
        return new AwsSettings(region, sqsEndpoint, dynamoDbEndpoint, s3Endpoint,
                Objects.requireNonNull(newAccessKey, "accessKey"), Objects.requireNonNull(newSecretKey, "secretKey"));
    }

    /** True when static credentials are set rather than the default chain. */
    public boolean hasStaticCredentials() {
        return accessKey != null;
    }

    /**
     * Where the clients go, for people: {@code AWS us-east-1}, or the endpoints ({@code SQS http://127.0.0.1:9324,
     * DynamoDB http://127.0.0.1:8000, S3 http://127.0.0.1:9000 (us-east-1)}), one URL when all three share it.
     */
    public String where() {
        if (sqsEndpoint == null && dynamoDbEndpoint == null && s3Endpoint == null) {
            return "AWS " + region;
        }
        if (Objects.equals(sqsEndpoint, dynamoDbEndpoint) && Objects.equals(sqsEndpoint, s3Endpoint)) {
            return sqsEndpoint + " (" + region + ")";
        }
        return "SQS " + orAws(sqsEndpoint) + ", DynamoDB " + orAws(dynamoDbEndpoint) + ", S3 " + orAws(s3Endpoint)
                + " (" + region + ")";
    }

    @Override
    public String toString() {
        // never print the secret
        return "AwsSettings[region=" + region + ", sqs=" + orAws(sqsEndpoint) + ", dynamodb=" + orAws(dynamoDbEndpoint)
                + ", s3=" + orAws(s3Endpoint) + ", credentials=" + (accessKey == null ? "default chain" : accessKey)
                + "]";
    }

    private static String orAws(URI endpoint) {
        return endpoint == null ? "AWS" : endpoint.toString();
    }

    private static void checkEndpoint(String field, URI endpoint) {
        if (endpoint != null && (!endpoint.isAbsolute() || endpoint.getHost() == null
                || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())))) {
            throw new IllegalArgumentException(field + " must be an absolute http(s) URL, was '" + endpoint + "'");
        }
    }

    private static URI uri(String variable, String value) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new KonException(variable + " is not a URL: '" + value + "'", e);
        }
    }

    private static URI firstNonNull(URI first, URI second) {
        return first != null ? first : second;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
