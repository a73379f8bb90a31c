package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.AwsClients;
import dev.kon.aws.AwsSettings;
import dev.kon.aws.queue.SqsQueueService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cloud command says when the cloud is not there: one line naming the service and what to do, exit 3, fast. */
class BackendErrorsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private int kon(String... args) {
        return Main.commandLine().setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8)).execute(args);
    }

    /** A loopback port nobody listens on: bound once to find it free, then released. */
    private static int refusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void cloudStatus_whenNothingListensOnTheLoopbackEndpoint_saysSoInOneLineWithinTwoSecondsAndExitsThree()
            throws Exception {
        String endpoint = "http://127.0.0.1:" + refusedPort();

        long start = System.nanoTime();
        int exit = kon("cloud", "status", "--region", "us-east-1", "--endpoint", endpoint);
        long millis = (System.nanoTime() - start) / 1_000_000;

        String said = err.toString(StandardCharsets.UTF_8);
        System.setErr(oldErr);
        System.err.println("cloud status against a refused loopback port: exit " + exit + " after " + millis + " ms: "
                + said.strip());
        assertThat(exit).isEqualTo(3);
        assertThat(said.lines()).containsExactly("kon: no SQS, DynamoDB or S3 at " + endpoint
                + ": is 'kon cloud start' running? .kon/cloud.env may be stale");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(millis).isLessThan(2000);
    }

    @Test
    void explain_ofACallRefusedMidRun_namesTheServiceAndTheEndpointInOneLine() throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + refusedPort());
        Throwable failure;
        // No probe here: as when the local cloud stops while a command runs.
        try (AwsClients clients = AwsClients.create(AwsSettings.of("us-east-1")
                .withEndpoints(endpoint, endpoint, endpoint).withStaticCredentials("kon", "secret"));
                SqsQueueService queues = new SqsQueueService(clients.sqs())) {
            failure = org.assertj.core.api.Assertions.catchThrowable(() -> queues.find("kon-tasks"));
        }

        assertThat(failure).hasMessageContaining("Connection refused");
        assertThat(CloudErrors.explain(failure)).contains("no SQS at " + endpoint
                + ": is 'kon cloud start' running? .kon/cloud.env may be stale");
    }

    @Test
    void cloudStatus_withoutCredentialsOnRealAwsSettings_namesTheCredentialChainsInOneLine() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Run run = konWithoutAws("cloud", "status", "--region", "us-east-1", "--endpoint",
                    "http://127.0.0.1:" + listening.getLocalPort());

            assertThat(run.exit).as(run.err).isEqualTo(3);
            assertThat(run.err.lines()).as(run.err).containsExactly("kon: " + CloudErrors.NO_CREDENTIALS);
            assertThat(run.err).contains("AWS_ACCESS_KEY_ID").contains("AWS_PROFILE").hasSizeLessThan(300);
        }
    }

    @Test
    void cloudStatus_withoutARegion_namesTheRegionChainInOneLine() throws Exception {
        Run run = konWithoutAws("cloud", "status");

        assertThat(run.exit).as(run.err).isEqualTo(3);
        assertThat(run.err.lines()).as(run.err).containsExactly("kon: no AWS region: set AWS_REGION (e.g. us-east-1) "
                + "or --region, or use a profile with a region (AWS_PROFILE, ~/.aws/config); for the local cloud: "
                + "source .kon/cloud.env");
    }

    @Test
    void cloudStatus_withARegionFlagAndNoneInTheEnvironment_usesTheFlag() throws Exception {
        String endpoint = "http://127.0.0.1:" + refusedPort();
        Run run = konWithoutAws(Map.of("AWS_ENDPOINT_URL", endpoint), "cloud", "status", "--region", "eu-west-1");

        // past the region, as far as the (missing) cloud
        assertThat(run.err.lines()).as(run.err).containsExactly("kon: no SQS, DynamoDB or S3 at " + endpoint
                + ": is 'kon cloud start' running? .kon/cloud.env may be stale");
    }

    private record Run(int exit, String err) {
    }

    /**
     * Runs kon as a process with no AWS settings at all: no AWS_* variables, no profile files, and no instance
     * metadata service (which off EC2 takes seconds to fail).
     */
    private Run konWithoutAws(String... args) throws Exception {
        return konWithoutAws(Map.of(), args);
    }

    private Run konWithoutAws(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = dir.resolve("err-" + System.nanoTime() + ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kon did not end within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(err));
    }
}
