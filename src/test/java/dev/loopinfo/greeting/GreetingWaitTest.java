package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.loopinfo.support.ServerTest;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The greeting's wait holds no thread: it takes the delay, and many waits overlap on a
 * few event loops.
 */
@ServerTest
class GreetingWaitTest {

    private static final int CONCURRENT_GREETINGS = 200;

    @LocalServerPort
    int port;

    @Test
    void aGreetingTakesAtLeastTheDelay() {
        WebClient client = WebClient.create("http://localhost:" + port);
        long started = System.nanoTime();

        Greeting greeting = client.get()
            .uri("/hello/Ada")
            .accept(MediaType.APPLICATION_JSON)
            .retrieve()
            .bodyToMono(Greeting.class)
            .block(Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(greeting.greeting()).isEqualTo("Hello, Ada!");
    }

    @Test
    void twoHundredGreetingsWaitTogetherNotInTurn() {
        ConnectionProvider connections = ConnectionProvider.builder("greetings")
            .maxConnections(CONCURRENT_GREETINGS)
            .pendingAcquireMaxCount(-1)
            .build();
        WebClient client = WebClient.builder()
            .baseUrl("http://localhost:" + port)
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
            .build();
        try {
            long started = System.nanoTime();
            List<Greeting> greetings = Flux.range(0, CONCURRENT_GREETINGS)
                .flatMap(i -> client.get()
                    .uri("/hello/visitor-{i}", i)
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .bodyToMono(Greeting.class), CONCURRENT_GREETINGS)
                .collectList()
                .block(Duration.ofSeconds(30));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(greetings).hasSize(CONCURRENT_GREETINGS).extracting(Greeting::name).doesNotHaveDuplicates();
            // In turn they would take 200 × 500 ms = 100 s; together, about one delay.
            // The bound is loose on purpose.
            assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
            // A handful of event-loop threads received all of them.
            assertThat(greetings.stream().map(Greeting::receivedOn).distinct().count())
                .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() * 2L);
        }
        finally {
            connections.disposeLater().block(Duration.ofSeconds(10));
        }
    }

}
