package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.RealTool;
import dev.loopinfo.support.ServerTest;

/**
 * A real Prometheus server, on loopback with a 1 s scrape interval, scrapes the running
 * application; its query API then answers the questions the PromQL of docs/metrics.md
 * answers.
 */
@ServerTest
class PrometheusServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebTestClient client;

    @TempDir
    Path workDirectory;

    private Process prometheus;

    private URI queryApi;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startPrometheus() throws IOException {
        Path binary = RealTool.require("prometheus", "prometheus");
        int port = freePort();
        Path config = Files.writeString(workDirectory.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: loopinfo
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(managementPort));
        prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + workDirectory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(workDirectory.resolve("prometheus.log").toFile())
            .start();
        queryApi = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=");
    }

    @AfterEach
    void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void prometheusSeesTheEventLoopsTheirLagAndAPipelineThatMoves() {
        client.get().uri("/hello/Prometheus").exchange().expectStatus().isOk();

        assertEventuallyFound("reactor_netty_eventloop_pending_tasks");
        assertEventuallyFound("loopinfo_eventloop_lag_seconds_bucket{le=\"0.2\"}");
        assertEventuallyFound(
                "histogram_quantile(0.99, sum by (le, loop) (rate(loopinfo_eventloop_lag_seconds_bucket[10s])))");
        assertEventuallyFound("rate(loopinfo_pipeline_messages_total{outcome=\"produced\"}[10s]) > 0");
        assertEventuallyFound("http_server_requests_seconds_count{uri=\"/hello/{name}\"}");
    }

    private void assertEventuallyFound(String promql) {
        Awaitility.await(promql).atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> answer = http
                .send(HttpRequest.newBuilder(URI.create(queryApi + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"success\"").contains("\"result\":[{");
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
