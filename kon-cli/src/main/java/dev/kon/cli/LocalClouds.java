package dev.kon.cli;

import dev.kon.aws.AwsSettings;
import dev.kon.localcloud.LocalCloud;

/** Settings that point the AWS clients at a local cloud started in this process. */
final class LocalClouds {
    private LocalClouds() {
    }

    static AwsSettings settings(LocalCloud cloud) {
        return AwsSettings.of(cloud.region())
                .withEndpoints(cloud.endpoints().sqs(), cloud.endpoints().dynamodb(), cloud.endpoints().s3())
                .withStaticCredentials(cloud.accessKey(), cloud.secretKey());
    }
}
