package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudProvisioner;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kon worker --metrics-port 0} on the local cloud, scraped as Prometheus would. */
@Tag("slow")
class WorkerMetricsEndToEndTest {
    private static final Pattern METRICS_LINE = Pattern.compile("(?m)^metrics (http://127\\.0\\.0\\.1:\\d+/metrics)$");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<KonProcess> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        started.forEach(p -> p.process.destroyForcibly());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private KonProcess kon(String name, Map<String, String> env, List<String> args) throws Exception {
        KonProcess p = KonProcess.start(dir, name, env, args.toArray(String[]::new));
        started.add(p);
        return p;
    }

    @Test
    void workerWithMetricsPortZero_servesTheCountsOfTheTasksItRan_inPrometheusText_untilItStops() throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
                AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
            CloudNames names = CloudNames.defaults().withTaskQueue("metrics-" + UUID.randomUUID().toString()
                    .substring(0, 8));
            new CloudProvisioner(clients, names).provision();
            List<String> where = List.of("--queue", names.taskQueue(), "--table", names.ledgerTable(), "--bucket",
                    names.bucket());
            List<String> workerArgs = new ArrayList<>(List.of("worker", "--threads", "2", "--idle-exit", "0",
                    "--metrics-port", "0"));
            workerArgs.addAll(where);
            KonProcess worker = kon("worker", cloud.environment(), workerArgs);
            await().atMost(Duration.ofSeconds(60)).until(() -> METRICS_LINE.matcher(worker.stdout()).find());
            assertThat(worker.stdout()).startsWith("ready ");
            Matcher m = METRICS_LINE.matcher(worker.stdout());
            assertThat(m.find()).isTrue();
            URI url = URI.create(m.group(1));

            // 20 sleeps that succeed, 3 ticks that fail at once (a tick needs a folder and a length).
            Path workload = dir.resolve("workload.txt");
            List<String> lines = new ArrayList<>(Collections.nCopies(20, "sleep 10"));
            lines.addAll(Collections.nCopies(3, "tick bad"));
            Files.write(workload, lines);
            List<String> submitArgs = new ArrayList<>(List.of("submit", workload.toString(), "-q"));
            submitArgs.addAll(where);
            KonProcess submit = kon("submit", cloud.environment(), submitArgs);
            assertThat(submit.waitFor(120)).as(submit.stderr()).isEqualTo(ExitCodes.TASKS_FAILED);

            HttpResponse<String> scraped = get(url);
            assertThat(scraped.statusCode()).isEqualTo(200);
            Map<String, Double> s = PrometheusText.parse(scraped.body());
            assertThat(s).containsEntry("kon_tasks_total{outcome=\"succeeded\",type=\"sleep\"}", 20.0)
                    .containsEntry("kon_tasks_total{outcome=\"failed\",type=\"sleep\"}", 0.0)
                    .containsEntry("kon_tasks_total{outcome=\"failed\",type=\"tick\"}", 3.0)
                    .containsEntry("kon_task_duration_seconds_count{type=\"sleep\"}", 20.0)
                    .containsEntry("kon_leases_lost_total{reason=\"taken_over\"}", 0.0);
            assertThat(s.get("kon_task_duration_seconds_sum{type=\"sleep\"}")).isGreaterThanOrEqualTo(0.2);
            double bundles = s.get("kon_bundles_claimed_total");
            assertThat(bundles).isGreaterThanOrEqualTo(1.0);
            assertThat(s.get("kon_messages_received_total")).isGreaterThanOrEqualTo(bundles);
            assertThat(s.get("kon_queue_wait_seconds_count")).isGreaterThanOrEqualTo(bundles);
            assertThat(s.get("kon_receive_duration_seconds_count{result=\"messages\"}")).isGreaterThanOrEqualTo(1.0);
            assertThat(get(url.resolve("/")).statusCode()).isEqualTo(404);

            worker.process.destroy();
            assertThat(worker.waitFor(60)).isEqualTo(143);
            assertThatThrownBy(() -> get(url)).isInstanceOf(ConnectException.class);
        }
    }
}
