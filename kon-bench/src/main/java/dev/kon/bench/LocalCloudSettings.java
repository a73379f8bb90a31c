package dev.kon.bench;

import dev.kon.aws.AwsSettings;
import dev.kon.localcloud.LocalCloud;

/** Settings that point the AWS clients at a local cloud started in this process: its endpoints and credentials. */
public final class LocalCloudSettings {
    private LocalCloudSettings() {
    }

    public static AwsSettings of(LocalCloud cloud) {
        LocalCloud.Endpoints e = cloud.endpoints();
        return AwsSettings.of(cloud.region()).withEndpoints(e.sqs(), e.dynamodb(), e.s3())
                .withStaticCredentials(cloud.accessKey(), cloud.secretKey());
    }
}
