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

import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** SIGTERM with 2,000 greetings in flight: every one is answered, and the process leaves in good order. */
class ShutdownUnderLoadTest {

    private static final int IN_FLIGHT = 2_000;

    private static final Pattern ACCOUNT = Pattern.compile(
            "Pipeline stopped: produced (\\d+) = acknowledged (\\d+) \\+ failed (\\d+) \\+ dropped (\\d+) \\+ in flight (\\d+)");

    @Test
    void everyGreetingInFlightIsAnsweredAndTheAccountBalances() throws Exception {
        try (AppProcess app = AppProcess.start("--loopinfo.greeting.delay=10s", "--loopinfo.pipeline.interval=50ms",
                "--loopinfo.pipeline.work=200ms", "--loopinfo.pipeline.concurrency=4")) {
            ConnectionProvider connections = ConnectionProvider.builder("shutdown").maxConnections(IN_FLIGHT)
                .pendingAcquireMaxCount(-1).build();
            WebClient client = WebClient.builder().baseUrl("http://localhost:" + app.port())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
            try {
                CompletableFuture<List<Integer>> greetings = Flux.range(0, IN_FLIGHT)
                    .flatMap(i -> client.get().uri("/hello/guest-{i}", i).retrieve().toBodilessEntity()
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
                Thread.sleep(200); // the last lines of output are still on their way
                assertThat(readiness).as("readiness while shutting down").contains("OUT_OF_SERVICE");
                assertThat(readiness.get(readiness.size() - 1)).isEqualTo("closed");
                assertBalanced(app.output());
            }
            finally {
                connections.disposeLater().block(Duration.ofSeconds(10));
            }
        }
    }

    /**
     * Waits until the server holds every greeting: its own count of connections with a request in progress. A
     * connection still in the accept backlog when SIGTERM closes the port is reset, so all of them must be in.
     */
    private static void awaitInFlight(AppProcess app, int expected) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        URI active = URI.create("http://localhost:" + app.managementPort()
                + "/actuator/metrics/reactor.netty.http.server.connections.active");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(active).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher count = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([0-9.]+)").matcher(body);
            if (count.find() && Double.parseDouble(count.group(1)) >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the greetings never were in flight together");
    }

    /** Polls readiness until the management port closes: "UP", "OUT_OF_SERVICE", …, then "closed". */
    private static void watchReadiness(AppProcess app, List<String> seen) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1)).build();
        URI readiness = URI.create("http://localhost:" + app.managementPort() + "/actuator/health/readiness");
        for (int i = 0; i < 2_000; i++) {
            try {
                String body = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                seen.add(body.replaceAll(".*\"status\":\"([A-Z_]+)\".*", "$1"));
            }
            catch (IOException closed) {
                seen.add("closed");
                return;
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertBalanced(List<String> output) {
        Matcher account = output.stream().map(ACCOUNT::matcher).filter(Matcher::find).findFirst()
            .orElseThrow(() -> new AssertionError("no final account in:\n" + String.join("\n", output)));
        long produced = Long.parseLong(account.group(1));
        long settled = Long.parseLong(account.group(2)) + Long.parseLong(account.group(3))
                + Long.parseLong(account.group(4)) + Long.parseLong(account.group(5));
        assertThat(produced).isPositive().isEqualTo(settled);
        assertThat(Long.parseLong(account.group(5))).as("drained: nothing left in flight").isZero();
    }
}
