package dev.kon.bench;

import dev.kon.KonException;
import dev.kon.aws.AwsSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local cloud in a process of its own, as a user starts one: {@code kon cloud start --provision} on free ports
 * (so it never meets another local cloud on this machine), in a folder of its own (where it writes
 * {@code .kon/cloud.env}). Ready once it has printed its export lines and provisioned the default queues, table
 * and bucket; stdout and stderr go to {@code cloud.out} and {@code cloud.err} in that folder. Stopped with SIGTERM,
 * killed if still there after the grace. Not thread-safe.
 */
final class CloudProcess implements AutoCloseable {
    private static final String READY = "Ctrl-C stops it.";
    private static final String EXPORT = "export ";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private final Process process;
    private final Map<String, String> environment;

    private CloudProcess(Process process, Map<String, String> environment) {
        this.process = process;
        this.environment = environment;
    }

    /** Starts {@code <java> -cp <classPath> <mainClass> cloud start ...} in {@code dir} and waits until it is up. */
    static CloudProcess start(WorkerLaunch launch, Path dir) throws InterruptedException {
        List<String> command = launch.userCommand(List.of("cloud", "start", "--sqs-port", "0", "--dynamodb-port",
                "0", "--s3-port", "0", "--provision"));
        Process p;
        try {
            Files.createDirectories(dir);
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(dir.resolve("cloud.err").toFile())
                    .start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new KonException("cannot start the local cloud process: " + e.getMessage(), e);
        }
        CompletableFuture<Map<String, String>> up = new CompletableFuture<>();
        Thread copier = new Thread(() -> copy(p, dir.resolve("cloud.out"), up), "kon-bench-cloud-out");
        copier.setDaemon(true);
        copier.start();
        try {
            return new CloudProcess(p, up.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new KonException("the local cloud process did not come up within " + READY_TIMEOUT.toMinutes()
                    + " min; see " + dir.resolve("cloud.err"), e);
        }
    }

    /** Copies stdout to its file, collecting the export lines until the ready line. */
    private static void copy(Process p, Path out, CompletableFuture<Map<String, String>> up) {
        Map<String, String> env = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                file.write(line);
                file.newLine();
                file.flush();
                if (line.startsWith(EXPORT) && line.indexOf('=') > 0) {
                    String kv = line.substring(EXPORT.length());
                    env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                } else if (line.startsWith(READY)) {
                    up.complete(Map.copyOf(env));
                }
            }
        } catch (IOException e) {
            up.completeExceptionally(e);
        }
        up.completeExceptionally(new KonException("the local cloud process ended its output before it was up"));
    }

    long pid() {
        return process.pid();
    }

    /** The variables that point Kon and the AWS SDK at this cloud (endpoints, region, credentials). */
    Map<String, String> environment() {
        return environment;
    }

    /** The same as settings for AWS clients in this JVM. */
    AwsSettings settings() {
        return AwsSettings.of(environment.get("AWS_REGION"))
                .withEndpoints(URI.create(environment.get("AWS_ENDPOINT_URL_SQS")),
                        URI.create(environment.get("AWS_ENDPOINT_URL_DYNAMODB")),
                        URI.create(environment.get("AWS_ENDPOINT_URL_S3")))
                .withStaticCredentials(environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
