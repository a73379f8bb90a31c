package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import dev.kon.testkit.ec2.Ec2ApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kon fleet launch|list|terminate} as a user runs them, against the loopback EC2 API server, with the local
 * cloud's S3 holding the worker artifact.
 */
@Tag("slow")
class FleetCommandTest {
    private static LocalCloud cloud;
    private static Map<String, String> env;
    private static Ec2ApiServer ec2;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
        try (AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            new CloudProvisioner(clients, CloudNames.defaults()).provision();
        }
        env = cloud.environment();
        ec2 = Ec2ApiServer.start();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        cloud.close();
    }

    private KonProcess kon(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ec2-endpoint", ec2.endpoint().toString(), "--fleet", "test"));
        return KonProcess.start(dir, name, env, all.toArray(String[]::new));
    }

    @Test
    void launchListTerminate_startFindAndEndTheFleetsInstances() throws Exception {
        Path artifact = dir.resolve("kon.tar.gz");
        Files.write(artifact, new byte[] {31, -117, 8, 0, 1, 2, 3});

        KonProcess launch = kon("launch", "fleet", "launch", "--count", "2", "--artifact", artifact.toString(),
                "--image", "ami-0aaaabbbbccccdddd", "--threads", "2");
        assertThat(launch.waitFor(60)).as(launch.stderr()).isZero();
        assertThat(launch.stdout()).contains("launched 2 t2.micro instance(s) in fleet test on queue kon-tasks");
        List<Ec2ApiServer.Instance> started = ec2.instances().stream()
                .filter(i -> "test".equals(i.tags.get("kon:fleet"))).toList();
        assertThat(started).hasSize(2).allMatch(i -> i.image.equals("ami-0aaaabbbbccccdddd"));
        // the user data fetches the very artifact given, through a presigned URL to the bucket
        Matcher url = Pattern.compile("ARTIFACT_URL='([^']+)'").matcher(started.get(0).userData);
        assertThat(url.find()).isTrue();
        HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(Files.readAllBytes(artifact));
        assertThat(started.get(0).userData).contains("--threads 2");

        KonProcess list = kon("list", "fleet", "list");
        assertThat(list.waitFor(60)).as(list.stderr()).isZero();
        assertThat(list.stdout()).contains(started.get(0).id).contains(started.get(1).id)
                .contains("2 instance(s) in fleet test");

        KonProcess stranger = kon("stranger", "fleet", "terminate", "i-0000000000000bad");
        assertThat(stranger.waitFor(60)).isEqualTo(2);
        assertThat(stranger.stderr()).contains("not instances of fleet test");

        KonProcess terminate = kon("terminate", "fleet", "terminate", "--all");
        assertThat(terminate.waitFor(60)).as(terminate.stderr()).isZero();
        assertThat(terminate.stdout()).contains("terminating 2 instance(s) of fleet test");
        assertThat(ec2.instances()).filteredOn(i -> "test".equals(i.tags.get("kon:fleet")))
                .allMatch(i -> i.state.equals("shutting-down"));
    }

    @Test
    void launchDryRun_sendsDryRunAndStartsNothing() throws Exception {
        int before = ec2.instances().size();

        KonProcess launch = kon("dry", "fleet", "launch", "--count", "1", "--image", "ami-1", "--dry-run");

        assertThat(launch.waitFor(60)).as(launch.stderr()).isZero();
        assertThat(launch.stdout()).contains("dry run: RunInstances would have succeeded");
        assertThat(ec2.instances()).hasSize(before);
        assertThat(ec2.requests()).anyMatch(r -> "true".equals(r.params().get("DryRun")));
    }
}
