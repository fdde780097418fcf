package dev.loopinfo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.loopinfo.support.AppProcess;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * 10,000 concurrent clients, each waiting for a greeting, against loopinfo in its own
 * process with its default settings: 10,000 client sockets and 10,000 server sockets do
 * not fit one process's file limit here.
 */
class ManyClientsTest {

    private static final int CLIENTS = 10_000;

    @Test
    void tenThousandConcurrentClientsAreAllGreeted() throws Exception {
        try (AppProcess app = AppProcess.start("--loopinfo.pipeline.enabled=false")) {
            ConnectionProvider connections = ConnectionProvider.builder("many")
                .maxConnections(CLIENTS)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(2))
                .build();
            WebClient client = WebClient.builder()
                .baseUrl("http://localhost:" + app.port())
                .clientConnector(new ReactorClientHttpConnector(
                        HttpClient.create(connections).responseTimeout(Duration.ofSeconds(60))))
                .build();
            try {
                List<Integer> statuses = Flux.range(0, CLIENTS)
                    .flatMap(i -> client.get()
                        .uri("/hello/client-{i}", i)
                        .retrieve()
                        .toBodilessEntity()
                        .map(response -> response.getStatusCode().value()), CLIENTS)
                    .collectList()
                    .block(Duration.ofMinutes(3));

                assertThat(statuses).hasSize(CLIENTS).containsOnly(200);
            }
            finally {
                connections.disposeLater().block(Duration.ofSeconds(30));
            }
        }
    }

}
