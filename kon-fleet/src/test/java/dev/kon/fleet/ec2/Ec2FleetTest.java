package dev.kon.fleet.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.KonException;
import dev.kon.fleet.FleetMember;
import dev.kon.testkit.ec2.Ec2ApiServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The EC2 calls against the loopback Query API server, through the real SDK client. */
class Ec2FleetTest {
    private static final URI ARTIFACT = URI.create("https://kon-blobs.s3.amazonaws.com/fleet/kon.tar.gz?X-Amz-Sig=1");
    private static final FleetSpec SPEC = FleetSpec.defaults("kon-tasks", "kon-ledger", "kon-blobs", "eu-west-1");
    private Ec2ApiServer server;
    private Ec2Client ec2;
    private SsmClient ssm;

    @BeforeEach
    void start() throws Exception {
        server = Ec2ApiServer.start();
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        ec2 = Ec2Client.builder().region(Region.EU_WEST_1).credentialsProvider(creds)
                .endpointOverride(server.endpoint()).build();
        ssm = SsmClient.builder().region(Region.EU_WEST_1).credentialsProvider(creds)
                .endpointOverride(server.endpoint()).build();
    }

    @AfterEach
    void stop() {
        ec2.close();
        ssm.close();
        server.close();
    }

    private Ec2Fleet fleet(boolean dryRun) {
        return new Ec2Fleet(ec2, () -> DefaultImage.resolve(ssm), () -> ARTIFACT, dryRun);
    }

    @Test
    void launch_sendsRunInstancesAsDocumented_withTagsProfileTokenAndBase64UserData() {
        List<String> ids = fleet(false).launch(SPEC.withSpot(true), 2, "token-1");

        assertThat(ids).hasSize(2);
        Ec2ApiServer.Request run = server.requests().stream().filter(r -> r.action().equals("RunInstances"))
                .findFirst().orElseThrow();
        assertThat(run.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/ec2/aws4_request");
        assertThat(run.params()).containsEntry("Version", "2016-11-15").containsEntry("ImageId",
                "ami-0123456789abcdef0").containsEntry("InstanceType", "t2.micro").containsEntry("MinCount", "2")
                .containsEntry("MaxCount", "2").containsEntry("ClientToken", "token-1")
                .containsEntry("IamInstanceProfile.Name", "kon-worker-kon-tasks")
                .containsEntry("InstanceMarketOptions.MarketType", "spot")
                .containsEntry("InstanceInitiatedShutdownBehavior", "terminate")
                .containsEntry("TagSpecification.1.ResourceType", "instance")
                .containsEntry("TagSpecification.2.ResourceType", "volume");
        String script = new String(Base64.getDecoder().decode(run.params().get("UserData")), StandardCharsets.UTF_8);
        assertThat(script).startsWith("#!/bin/bash").contains("'" + ARTIFACT + "'")
                .contains("worker --queue kon-tasks --table kon-ledger --bucket kon-blobs --threads 1");
        Ec2ApiServer.Instance i = server.instances().get(0);
        assertThat(i.tags).containsEntry("kon:fleet", "kon").containsEntry("kon:queue", "kon-tasks")
                .containsEntry("Name", "kon-worker-kon");
        // the default image came from AWS's public parameter
        assertThat(server.requests()).anyMatch(r -> r.action().equals("AmazonSSM.GetParameter")
                && r.params().get("body").contains(DefaultImage.PARAMETER));
    }

    @Test
    void launch_sameClientTokenTwice_startsTheInstancesOnce() {
        List<String> first = fleet(false).launch(SPEC.withImage("ami-0fedcba9876543210"), 3, "same");
        List<String> again = fleet(false).launch(SPEC.withImage("ami-0fedcba9876543210"), 3, "same");

        assertThat(again).isEqualTo(first);
        assertThat(server.instances()).hasSize(3);
        assertThat(server.requests()).noneMatch(r -> r.action().startsWith("AmazonSSM"));
    }

    @Test
    void list_andTerminate_findTheFleetByTagAndEndIt() {
        Ec2Fleet f = fleet(false);
        List<String> ids = f.launch(SPEC, 2, "t");
        f.launch(SPEC.withFleet("other"), 1, "t2");

        List<FleetInstance> listed = f.list("kon");
        assertThat(listed).extracting(FleetInstance::id).containsExactlyElementsOf(ids);
        assertThat(listed).allMatch(i -> i.queue().equals("kon-tasks") && i.type().equals("t2.micro"));
        Ec2ApiServer.Request describe = server.requests().stream()
                .filter(r -> r.action().equals("DescribeInstances")).findFirst().orElseThrow();
        assertThat(describe.params()).containsEntry("Filter.1.Name", "tag:kon:fleet")
                .containsEntry("Filter.1.Value.1", "kon").containsEntry("Filter.2.Name", "instance-state-name");

        assertThat(f.terminate(ids)).containsExactly(ids.get(0) + " shutting-down", ids.get(1) + " shutting-down");
        f.list("kon"); // EC2 moves them on
        assertThat(f.list("kon")).isEmpty();
    }

    @Test
    void launch_insufficientCapacity_saysWhatToTry() {
        server.failNext("RunInstances", "InsufficientInstanceCapacity", 500, 10);

        assertThatThrownBy(() -> fleet(false).launch(SPEC.withImage("ami-1"), 1, "c"))
                .isInstanceOf(KonException.class).hasMessageContaining("no capacity for t2.micro")
                .hasMessageContaining("another --instance-type");
    }

    @Test
    void launch_unauthorized_namesThePermissionsNeeded() {
        server.failNext("RunInstances", "UnauthorizedOperation", 403, 1);

        assertThatThrownBy(() -> fleet(false).launch(SPEC.withImage("ami-1"), 1, "u"))
                .hasMessageContaining("RunInstances is not allowed").hasMessageContaining("iam:PassRole");
    }

    @Test
    void launch_throttledOnce_isRetriedByTheSdkWithTheSameToken() {
        server.failNext("RunInstances", "RequestLimitExceeded", 503, 1);

        List<String> ids = fleet(false).launch(SPEC.withImage("ami-1"), 1, "throttled");

        assertThat(ids).hasSize(1);
        assertThat(server.requests()).filteredOn(r -> r.action().equals("RunInstances"))
                .extracting(r -> r.params().get("ClientToken")).containsExactly("throttled", "throttled");
    }

    @Test
    void dryRun_sendsDryRunAndReportsThatItWouldHaveSucceeded() {
        assertThatThrownBy(() -> fleet(true).launch(SPEC.withImage("ami-1"), 1, "d"))
                .isInstanceOf(Ec2Fleet.DryRunPassed.class).hasMessageContaining("RunInstances would have succeeded");
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.params())
                .containsEntry("DryRun", "true"));
        assertThat(server.instances()).isEmpty();
    }

    @Test
    void defaultImage_ssmUnreachableOrRefused_asksForImage() {
        server.failNext("AmazonSSM.GetParameter", "AccessDeniedException", 400, 1);

        assertThatThrownBy(() -> fleet(false).launch(SPEC, 1, "i")).hasMessageContaining("give --image");
    }

    @Test
    void provider_drainTerminatesTheNewestAndListsItAsDraining() {
        Ec2Provider provider = new Ec2Provider(fleet(false), SPEC.withImage("ami-1"), null);
        provider.launch(2);

        List<FleetMember> members = provider.members();
        assertThat(members).extracting(FleetMember::state).containsOnly(FleetMember.State.STARTING);
        provider.drain(members.get(1));

        assertThat(provider.members()).extracting(FleetMember::state)
                .containsExactly(FleetMember.State.RUNNING, FleetMember.State.DRAINING);
    }
}
