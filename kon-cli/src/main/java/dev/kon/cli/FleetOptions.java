package dev.kon.cli;

import dev.kon.aws.AwsClients;
import dev.kon.fleet.ec2.DefaultImage;
import dev.kon.fleet.ec2.Ec2Fleet;
import dev.kon.fleet.ec2.Ec2Provider;
import dev.kon.fleet.ec2.FleetClients;
import dev.kon.fleet.ec2.FleetSpec;
import dev.kon.fleet.ec2.WorkerArtifact;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What EC2 instances of a fleet look like, for {@code kon fleet} and {@code kon autoscale --provider ec2}. */
final class FleetOptions {
    @Option(names = "--fleet", paramLabel = "NAME", defaultValue = FleetSpec.DEFAULT_FLEET,
            description = "Fleet name, tagged on its instances as kon:fleet (default: ${DEFAULT-VALUE}).")
    String fleet = FleetSpec.DEFAULT_FLEET;

    @Option(names = "--instance-type", paramLabel = "TYPE", defaultValue = FleetSpec.DEFAULT_INSTANCE_TYPE,
            description = "EC2 instance type (default: ${DEFAULT-VALUE}).")
    String instanceType = FleetSpec.DEFAULT_INSTANCE_TYPE;

    @Option(names = "--image", paramLabel = "AMI",
            description = "Image to start from (default: the current Amazon Linux 2023 x86-64 image, from the public "
                    + "SSM parameter " + DefaultImage.PARAMETER + ").")
    String image;

    @Option(names = "--spot", description = "One-time Spot instances instead of On-Demand.")
    boolean spot;

    @Option(names = "--subnet", paramLabel = "ID", description = "Subnet to start in (default: the default VPC's).")
    String subnet;

    @Option(names = "--artifact", paramLabel = "FILE",
            description = "The worker artifact, a .tar.gz of kon.jar and lib/ (default: packed from this kon).")
    Path artifact;

    @Option(names = "--ec2-endpoint", paramLabel = "URL",
            description = "EC2 and SSM endpoint (default: AWS; for tests against a server on this machine).")
    URI ec2Endpoint;

    FleetSpec spec(CloudOptions cloud, String region, int threads) {
        FleetSpec s = FleetSpec.defaults(cloud.queue, cloud.table, cloud.bucket, region).withFleet(fleet)
                .withInstanceType(instanceType).withImage(image).withThreads(threads).withSpot(spot);
        return subnet == null ? s : s.withSubnet(subnet);
    }

    FleetClients clients(CloudOptions cloud) {
        return new FleetClients(cloud.settings(), ec2Endpoint);
    }

    Ec2Fleet fleet(FleetClients fc, AwsClients aws, String bucket, boolean dryRun) {
        return new Ec2Fleet(fc.ec2, () -> DefaultImage.resolve(fc.ssm),
                () -> new WorkerArtifact(aws.s3(), aws.s3Presigner(), bucket, artifactFile()).publish(), dryRun);
    }

    /** The autoscaler's provider; the EC2 clients close with it. */
    Ec2Provider provider(CloudOptions cloud, AwsClients aws, int threads) {
        FleetClients fc = clients(cloud);
        return new Ec2Provider(fleet(fc, aws, cloud.bucket, false), spec(cloud, aws.settings().region(), threads), fc);
    }

    /** The given artifact, or one packed from the folder of the running kon.jar. */
    Path artifactFile() {
        if (artifact != null) {
            if (!Files.isRegularFile(artifact)) {
                throw new IllegalArgumentException("--artifact: no such file: " + artifact);
            }
            return artifact;
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path packed = Files.createTempFile("kon-worker", ".tar.gz");
            packed.toFile().deleteOnExit();
            return WorkerArtifact.pack(jar.getParent(), packed);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot find this kon's jar to pack: " + e.getMessage(), e);
        }
    }
}
