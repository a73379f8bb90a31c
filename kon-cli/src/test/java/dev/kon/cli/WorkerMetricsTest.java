package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.worker.WorkerEvents.LeaseLoss;
import dev.kon.worker.WorkerEvents.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The worker's events as Prometheus metrics, and the endpoint that serves them. */
class WorkerMetricsTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(String method, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void events_areCountedUnderPrometheusNames_withUnitsInSeconds() {
        WorkerMetrics m = new WorkerMetrics(List.of("sleep", "stats"));
        m.taskFinished("sleep", Outcome.SUCCEEDED, TimeUnit.MILLISECONDS.toNanos(20));
        m.taskFinished("sleep", Outcome.SUCCEEDED, TimeUnit.MILLISECONDS.toNanos(30));
        m.taskFinished("stats", Outcome.FAILED, TimeUnit.SECONDS.toNanos(2));
        m.taskFinished("stats", Outcome.CANCELLED, 1);
        m.received(3, TimeUnit.MILLISECONDS.toNanos(40));
        m.received(0, TimeUnit.SECONDS.toNanos(20));
        m.waited(1500);
        m.bundlesClaimed(3);
        m.leaseRenewed();
        m.leaseRenewed();
        m.leaseLost(LeaseLoss.TAKEN_OVER);
        m.leaseLost(LeaseLoss.RAN_OUT);
        m.leaseLost(LeaseLoss.RAN_OUT);

        Map<String, Double> s = PrometheusText.parse(m.scrape());

        assertThat(s).containsEntry("kon_tasks_total{outcome=\"succeeded\",type=\"sleep\"}", 2.0)
                .containsEntry("kon_tasks_total{outcome=\"failed\",type=\"sleep\"}", 0.0)
                .containsEntry("kon_tasks_total{outcome=\"failed\",type=\"stats\"}", 1.0)
                .containsEntry("kon_tasks_total{outcome=\"cancelled\",type=\"stats\"}", 1.0)
                .containsEntry("kon_task_duration_seconds_count{type=\"sleep\"}", 2.0)
                .containsEntry("kon_task_duration_seconds_bucket{type=\"sleep\",le=\"0.025\"}", 1.0)
                .containsEntry("kon_task_duration_seconds_bucket{type=\"sleep\",le=\"0.1\"}", 2.0)
                .containsEntry("kon_task_duration_seconds_bucket{type=\"stats\",le=\"+Inf\"}", 2.0)
                .containsEntry("kon_messages_received_total", 3.0)
                .containsEntry("kon_receive_duration_seconds_count{result=\"messages\"}", 1.0)
                .containsEntry("kon_receive_duration_seconds_count{result=\"empty\"}", 1.0)
                .containsEntry("kon_queue_wait_seconds_sum", 1.5)
                .containsEntry("kon_bundles_claimed_total", 3.0)
                .containsEntry("kon_lease_renewals_total", 2.0)
                .containsEntry("kon_leases_lost_total{reason=\"taken_over\"}", 1.0)
                .containsEntry("kon_leases_lost_total{reason=\"ran_out\"}", 2.0);
        assertThat(s.get("kon_task_duration_seconds_sum{type=\"sleep\"}")).isCloseTo(0.05, org.assertj.core.data
                .Offset.offset(1e-9));
    }

    @Test
    void taskOfATypeWithoutHandler_isCountedAsOther_soLabelsStayFew() {
        WorkerMetrics m = new WorkerMetrics(List.of("sleep"));
        m.taskFinished("no-such-type-1", Outcome.FAILED, 1);
        m.taskFinished("no-such-type-2", Outcome.FAILED, 1);

        Map<String, Double> s = PrometheusText.parse(m.scrape());

        assertThat(s).containsEntry("kon_tasks_total{outcome=\"failed\",type=\"other\"}", 2.0);
        assertThat(s.keySet()).noneMatch(k -> k.contains("no-such-type"));
    }

    @Test
    void server_answersMetricsOnItsPath_404Elsewhere_405ForOtherMethods_andNothingOnceClosed() throws Exception {
        URI url;
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, () -> "# TYPE x counter\nx_total 1.0\n")) {
            url = server.url();
            assertThat(url.toString()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");

            HttpResponse<String> ok = send("GET", url);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(ok.body()).isEqualTo("# TYPE x counter\nx_total 1.0\n");
            assertThat(send("GET", url.resolve("/metrics?x=1")).statusCode()).isEqualTo(200);
            assertThat(send("HEAD", url).statusCode()).isEqualTo(200);
            assertThat(send("GET", url.resolve("/")).statusCode()).isEqualTo(404);
            assertThat(send("GET", url.resolve("/metrics/x")).statusCode()).isEqualTo(404);
            assertThat(send("POST", url).statusCode()).isEqualTo(405);
        }
        assertThatThrownBy(() -> send("GET", url)).isInstanceOf(ConnectException.class);
    }

    @Test
    void server_onATakenPort_failsSayingSo() {
        try (MetricsServer first = MetricsServer.start("127.0.0.1", 0, () -> "")) {
            int port = first.url().getPort();

            assertThatThrownBy(() -> MetricsServer.start("127.0.0.1", port, () -> ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("port " + port).hasMessageContaining("taken");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void workerCommand_withABindAddressButNoPortOrABadPort_isBadInput_beforeTouchingTheCloud() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine().setErr(new java.io.PrintWriter(err, true));

        assertThat(cl.execute("worker", "--metrics-bind", "0.0.0.0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cl.execute("worker", "--metrics-port", "-1")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("kon: --metrics-bind needs --metrics-port")
                .contains("kon: --metrics-port must be 0..65535, was -1");
    }

    @Test
    void server_withABadPortOrAddress_failsNamingTheOption() {
        assertThatThrownBy(() -> MetricsServer.start("127.0.0.1", 70000, () -> ""))
                .hasMessage("--metrics-port must be 0..65535, was 70000");
        assertThatThrownBy(() -> MetricsServer.start("no such host.invalid", 0, () -> ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--metrics-bind");
    }
}
