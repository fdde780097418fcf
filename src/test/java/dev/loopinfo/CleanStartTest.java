package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.loopinfo.support.AppProcess;

/**
 * A clean start, as its own process: it warms up, says where it serves, and then neither
 * standing idle nor a first visitor's requests of every kind make it log anything above
 * INFO — no event loop is reported blocked, nothing fails.
 */
class CleanStartTest {

    private static final Pattern PROBES = Pattern
        .compile("(?m)^loopinfo_eventloop_lag_seconds_count\\{[^}]*\\} (\\S+)$");

    /**
     * What a first visitor's browser asks for at once: pages, their style, their event
     * streams, JSON, errors.
     */
    private static final List<String[]> FIRST_REQUESTS = List.of(new String[] { "text/html", "/" },
            new String[] { "text/html", "/hello/Ada" }, new String[] { "application/json", "/hello/Ada" },
            new String[] { "text/css", "/css/loopinfo.css" }, new String[] { "text/html", "/pipeline" },
            new String[] { "text/html", "/loops" }, new String[] { "text/html", "/lessons" },
            new String[] { "text/html", "/lessons/blocking" }, new String[] { "application/json", "/api/pipeline" },
            new String[] { "text/html", "/nowhere" }, new String[] { "application/json", "/nowhere" },
            new String[] { "application/json", "/headers" });

    @Test
    void aCleanStartWarmsUpSaysWhereItServesAndWarnsOfNothingThroughItsFirstRequests() throws Exception {
        try (AppProcess app = AppProcess.start()) {
            List<String> started = app.output();
            assertThat(started).anyMatch(line -> line.contains("Warmed up on"));
            assertThat(started.stream()
                .filter(line -> line.contains("Warmed up on") || line.contains("loopinfo started at"))
                .toList()).hasSize(2)
                .last()
                .asString()
                .endsWith("loopinfo started at http://localhost:" + app.port() + "/ (actuator at http://localhost:"
                        + app.managementPort() + "/actuator)");
            assertThat(app.port()).isPositive().isNotEqualTo(app.managementPort());

            HttpClient http = HttpClient.newHttpClient();
            assertThat(scrape(http, app)).as("the warm-up's requests are not timed as users' requests")
                .doesNotContain("http_server_requests_seconds_count");
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (String[] request : FIRST_REQUESTS) {
                answers.add(
                        http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + request[1]))
                            .header("Accept", request[0])
                            .timeout(Duration.ofSeconds(30))
                            .build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isIn(200, 404);
            }

            // Every loop probed three more times since the last answer: any lag it caused
            // has been measured.
            double probed = probes(http, app);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> probes(http, app) >= probed + 4 * 3);
            assertThat(app.output())
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("is blocked"));
        }
    }

    /**
     * A fault injected from the start delays users' requests, not the warm-up's, nor the
     * start with them.
     */
    @Test
    void aFaultInjectedFromTheStartSparesTheWarmUp() throws Exception {
        try (AppProcess app = AppProcess.start("--loopinfo.testbed.fault-rate=1",
                "--loopinfo.testbed.fault-latency=20s")) {
            Matcher warmedUp = Pattern.compile("Warmed up on \\d+ kinds of first request in (\\d+) ms")
                .matcher(String.join("\n", app.output()));
            assertThat(warmedUp.find()).isTrue();
            assertThat(Long.parseLong(warmedUp.group(1))).as("no request of the warm-up waited for the fault")
                .isLessThan(10_000);

            HttpClient http = HttpClient.newHttpClient();
            assertThatThrownBy(
                    () -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/"))
                        .timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString()))
                .as("a user's request still waits for the fault")
                .isInstanceOf(HttpTimeoutException.class);
        }
    }

    /** The lag probes taken so far, all loops together. */
    private static double probes(HttpClient http, AppProcess app) throws Exception {
        Matcher count = PROBES.matcher(scrape(http, app));
        double total = 0;
        while (count.find()) {
            total += Double.parseDouble(count.group(1));
        }
        return total;
    }

    private static String scrape(HttpClient http, AppProcess app) throws Exception {
        return http
            .send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + app.managementPort() + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString())
            .body();
    }

}
