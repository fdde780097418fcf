package dev.loopinfo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.loopinfo.support.AppProcess;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * SIGTERM with 2,000 greetings in flight: every one is answered, and the process leaves
 * in good order.
 */
class ShutdownUnderLoadTest {

    private static final int IN_FLIGHT = 2_000;

    private static final Pattern ACCOUNT = Pattern.compile(
            "Pipeline stopped: produced (\\d+) = acknowledged (\\d+) \\+ failed (\\d+) \\+ dropped (\\d+) \\+ in flight (\\d+)");

    @Test
    void everyGreetingInFlightIsAnsweredAndTheAccountBalances() throws Exception {
        try (AppProcess app = AppProcess.start("--loopinfo.greeting.delay=10s", "--loopinfo.pipeline.interval=50ms",
                "--loopinfo.pipeline.work=200ms", "--loopinfo.pipeline.concurrency=4")) {
            ConnectionProvider connections = ConnectionProvider.builder("shutdown")
                .maxConnections(IN_FLIGHT)
                .pendingAcquireMaxCount(-1)
                .build();
            WebClient client = WebClient.builder()
                .baseUrl("http://localhost:" + app.port())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
            try {
                CompletableFuture<List<Integer>> greetings = Flux.range(0, IN_FLIGHT)
                    .flatMap(i -> client.get()
                        .uri("/hello/guest-{i}", i)
                        .retrieve()
                        .toBodilessEntity()
                        .map(response -> response.getStatusCode().value()), IN_FLIGHT)
                    .collectList()
                    .toFuture();
                awaitInFlight(app, IN_FLIGHT);
                List<String> readiness = new ArrayList<>();
                CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> watchReadiness(app, readiness));

                app.sigterm();

                assertThat(greetings.get(60, TimeUnit.SECONDS)).hasSize(IN_FLIGHT).containsOnly(200);
                assertThat(app.exited(Duration.ofSeconds(40))).as("exits within the 30 s shutdown timeout").isTrue();
                watch.get(10, TimeUnit.SECONDS);
                assertThat(readiness).as("readiness while shutting down").contains("OUT_OF_SERVICE");
                assertThat(readiness.get(readiness.size() - 1)).isEqualTo("closed");
                assertBalanced(app.outputToTheEnd());
            }
            finally {
                connections.disposeLater().block(Duration.ofSeconds(10));
            }
        }
    }

    /**
     * Waits until the server holds every greeting: its own count of connections with a
     * request in progress. A connection still in the accept backlog when SIGTERM closes
     * the port is reset, so all of them must be in.
     */
    private static void awaitInFlight(AppProcess app, int expected) {
        Awaitility.await("the greetings are in flight together")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> app.metric("reactor.netty.http.server.connections.active") >= expected);
    }

    /**
     * Polls readiness every 20 ms until the management port closes: "UP",
     * "OUT_OF_SERVICE", …, then "closed".
     */
    private static void watchReadiness(AppProcess app, List<String> seen) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .build();
        HttpRequest readiness = HttpRequest
            .newBuilder(URI.create("http://localhost:" + app.managementPort() + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
        // On threads meant for blocking calls: the client's send waits for the answer.
        Flux.interval(Duration.ZERO, Duration.ofMillis(20), Schedulers.boundedElastic())
            .onBackpressureDrop()
            .concatMap(tick -> Mono.fromCallable(() -> http.send(readiness, HttpResponse.BodyHandlers.ofString()))
                .map(answer -> answer.body().replaceAll(".*\"status\":\"([A-Z_]+)\".*", "$1"))
                .onErrorReturn(IOException.class, "closed"))
            .take(2_000)
            .doOnNext(seen::add)
            .takeUntil("closed"::equals)
            .blockLast(Duration.ofSeconds(60));
    }

    private static void assertBalanced(List<String> output) {
        Matcher account = output.stream()
            .map(ACCOUNT::matcher)
            .filter(Matcher::find)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no final account in:\n" + String.join("\n", output)));
        long produced = Long.parseLong(account.group(1));
        long settled = Long.parseLong(account.group(2)) + Long.parseLong(account.group(3))
                + Long.parseLong(account.group(4)) + Long.parseLong(account.group(5));
        assertThat(produced).isPositive().isEqualTo(settled);
        assertThat(Long.parseLong(account.group(5))).as("drained: nothing left in flight").isZero();
    }

}
