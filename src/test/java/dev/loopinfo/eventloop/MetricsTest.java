package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.loopinfo.support.ServerTest;
import dev.loopinfo.support.Scrape;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** After real traffic, every documented series is exported with its documented labels. */
@ServerTest
class MetricsTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebTestClient client;

    @BeforeEach
    void realTraffic() {
        client.get().uri("/").exchange().expectStatus().isOk();
        client.get().uri("/hello/Ada").exchange().expectStatus().isOk();
        client.get().uri("/no/such/page").exchange().expectStatus().isNotFound();
        client.post().uri("/api/pipeline/runs?count=3").exchange().expectStatus().isOk();
        client.get().uri("/api/pipeline").exchange().expectStatus().isOk();
    }

    @Test
    void reactorNettyTellsOfLoopsAndConnectionsAndTimesNoRequest() {
        String scrape = Scrape.of(managementPort).text();

        assertThat(scrape).containsPattern("reactor_netty_eventloop_pending_tasks\\{[^}]*name=\"[a-z-]+-\\d+\"")
            .containsPattern("reactor_netty_http_server_connections\\{application=\"loopinfo\"} [1-9]")
            .contains("reactor_netty_http_server_connections_active{application=\"loopinfo\"}");
        // One per-request timing: Spring's. Nothing of Reactor Netty's is recorded per
        // request or per route.
        assertThat(scrape)
            .doesNotContain("reactor_netty_http_server_response_time", "reactor_netty_http_server_data_",
                    "reactor_netty_http_server_errors")
            .doesNotContainPattern("reactor_netty_[a-z_]+\\{[^}]*uri=");
    }

    @Test
    void managementRequestsStayOutOfTheRequestTimings() {
        Scrape.of(managementPort).text();
        String scrape = Scrape.of(managementPort).text();

        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/hello/\\{name\\}\"")
            .doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/actuator");
    }

    @Test
    void eventLoopLagIsMeasuredForEveryLoop() {
        String scrape = Scrape.of(managementPort).text();

        List<String> loops = Scrape.of(managementPort)
            .series("reactor_netty_eventloop_pending_tasks")
            .stream()
            .map(series -> series.replaceAll(".*name=\"([^\"]+)\".*", "$1"))
            .toList();
        assertThat(loops).isNotEmpty();
        for (String loop : loops) {
            assertThat(scrape)
                .contains("loopinfo_eventloop_lag_seconds_bucket{application=\"loopinfo\",loop=\"" + loop
                        + "\",le=\"0.2\"}")
                .contains("loopinfo_eventloop_lag_seconds_count{application=\"loopinfo\",loop=\"" + loop + "\"}")
                .contains("loopinfo_eventloop_lag_worst_seconds{application=\"loopinfo\",loop=\"" + loop + "\"}");
        }
        assertThat(scrape).contains("loopinfo_eventloop_probe_scheduler_tasks_completed_seconds_count{");
    }

    @Test
    void pipelineSeriesAreThereByOutcome() {
        String scrape = Scrape.of(managementPort).text();

        for (String outcome : List.of("produced", "acknowledged", "failed", "dropped", "deferred")) {
            assertThat(scrape)
                .contains("loopinfo_pipeline_messages_total{application=\"loopinfo\",outcome=\"" + outcome + "\"}");
        }
        assertThat(scrape).contains("loopinfo_pipeline_in_flight_messages{application=\"loopinfo\"}",
                "loopinfo_pipeline_buffered_messages{application=\"loopinfo\"}",
                "loopinfo_pipeline_buffer_capacity_messages{application=\"loopinfo\"} 256.0",
                "loopinfo_pipeline_running{application=\"loopinfo\"}",
                "loopinfo_pipeline_scheduler_tasks_completed_seconds_count{application=\"loopinfo\"}",
                "loopinfo_pipeline_scheduler_tasks_submitted_total{");
    }

    @Test
    void pipelineLatencyHasItsDocumentedBuckets() {
        List<String> buckets = Scrape.of(managementPort)
            .series("loopinfo_pipeline_latency_seconds_bucket")
            .stream()
            .map(series -> series.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
            .toList();

        assertThat(buckets).containsExactlyInAnyOrder("0.001", "0.01", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0",
                "10.0", "30.0", "60.0", "+Inf");
    }

    @Test
    void requestSeriesCarryOneErrorTag() {
        List<String> requests = Scrape.of(managementPort).series("http_server_requests_seconds_count");

        assertThat(requests).isNotEmpty()
            .allMatch(series -> series.contains("error=\""))
            .noneMatch(series -> series.contains("exception="))
            .anyMatch(series -> series.contains("error=\"ResponseStatusException\"")
                    && series.contains("status=\"404\""));
    }

    @Test
    void greetingsAreTimedTwiceTheWaitAndTheWholeRequest() {
        String scrape = Scrape.of(managementPort).text();

        assertThat(scrape)
            .contains("loopinfo_greeting_wait_seconds_bucket{application=\"loopinfo\",le=\"0.5\"}",
                    "loopinfo_greeting_wait_seconds_bucket{application=\"loopinfo\",le=\"0.6\"}")
            .containsPattern("loopinfo_greeting_wait_seconds_count\\{application=\"loopinfo\"\\} [1-9]");
        List<String> greetingBuckets = Scrape.of(managementPort)
            .series("http_server_requests_seconds_bucket")
            .stream()
            .filter(series -> series.contains("method=\"GET\"") && series.contains("status=\"200\"")
                    && series.contains("uri=\"/hello/{name}\""))
            .map(series -> series.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
            .toList();
        assertThat(greetingBuckets).containsExactlyInAnyOrder("0.005", "0.025", "0.1", "0.25", "0.5", "0.6", "1.0",
                "2.5", "10.0", "+Inf");
        // A refusal keeps its count, sum and maximum, and one bucket.
        assertThat(Scrape.of(managementPort)
            .series("http_server_requests_seconds_bucket")
            .stream()
            .filter(series -> series.contains("status=\"404\""))).isNotEmpty()
            .allMatch(series -> series.contains("le=\"10.0\"") || series.contains("le=\"+Inf\""));
    }

    @Test
    void everySeriesIsTaggedWithTheApplication() {
        assertThat(Scrape.of(managementPort).samples()).allMatch(sample -> sample.contains("application=\"loopinfo\""),
                "tagged application=\"loopinfo\"");
    }

    @Test
    void tenThousandNamesAddNoSeries() {
        Scrape before = Scrape.of(managementPort);
        ConnectionProvider connections = ConnectionProvider.builder("cardinality")
            .maxConnections(1000)
            .pendingAcquireMaxCount(-1)
            .build();
        WebClient greeter = WebClient.builder()
            .baseUrl("http://localhost:" + port)
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
            .build();
        try {
            Long greeted = Flux.range(0, 10_000)
                .flatMap(i -> greeter.get()
                    .uri("/hello/name-{i}", i)
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .toBodilessEntity(), 1000)
                .count()
                .block(Duration.ofMinutes(2));
            assertThat(greeted).isEqualTo(10_000);
        }
        finally {
            connections.disposeLater().block(Duration.ofSeconds(10));
        }
        Scrape after = Scrape.of(managementPort);

        for (String family : List.of("reactor_netty_http_server_", "http_server_requests_seconds",
                "loopinfo_greeting_wait")) {
            assertThat(after.series(family)).as(family).isEqualTo(before.series(family));
        }
        assertThat(after.samples().count()).isLessThan(before.samples().count() + 50);
        assertThat(after.text()).doesNotContain("name-9999");
    }

}
