package dev.kon.fleet.ec2;

import dev.kon.aws.AwsSettings;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The EC2, SSM, IAM and STS clients of the fleet commands, with the region and credentials of {@link AwsSettings}.
 * {@code ec2Endpoint} (for tests: a loopback EC2 API server) replaces EC2's and SSM's endpoints; null means AWS
 * (or the SDK's own {@code AWS_ENDPOINT_URL_EC2}). IAM is global: in the {@code aws-global} region.
 */
public final class FleetClients implements AutoCloseable {
    public final Ec2Client ec2;
    public final SsmClient ssm;
    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;
    private IamClient iam;
    private StsClient sts;

    public FleetClients(AwsSettings settings, URI ec2Endpoint) {
        this.settings = settings;
        this.credentials = settings.hasStaticCredentials()
                ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        var e = Ec2Client.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
        var s = SsmClient.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
        if (ec2Endpoint != null) {
            e.endpointOverride(ec2Endpoint);
            s.endpointOverride(ec2Endpoint);
        }
        this.ec2 = e.build();
        this.ssm = s.build();
    }

    public synchronized IamClient iam() {
        if (iam == null) {
            iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                    .httpClientBuilder(ApacheHttpClient.builder()).build();
        }
        return iam;
    }

    /** The account the credentials belong to (STS GetCallerIdentity). */
    public synchronized String account() {
        if (sts == null) {
            sts = StsClient.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                    .httpClientBuilder(ApacheHttpClient.builder()).build();
        }
        return sts.getCallerIdentity().account();
    }

    @Override
    public synchronized void close() {
        ec2.close();
        ssm.close();
        if (iam != null) {
            iam.close();
        }
        if (sts != null) {
            sts.close();
        }
    }
}
