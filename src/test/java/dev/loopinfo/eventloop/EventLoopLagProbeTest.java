package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A route that exists only in this test blocks an event loop for 300 ms; the probe must
 * see it. It probes every 10 ms here, so the lag it can see is the block less at most one
 * probe interval.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "loopinfo.eventloop.probe-interval=10ms" })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(EventLoopLagProbeTest.BlockingRoute.class)
@ExtendWith(OutputCaptureExtension.class)
class EventLoopLagProbeTest {

    private static final Duration BLOCK = Duration.ofMillis(300);

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(10);

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry registry;

    @Test
    void aBlockedLoopShowsItsLagIsNamedInAWarningAndOnTheLoopsPage(CapturedOutput output) {
        String loop = client.get()
            .uri("/test/block")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        Timer lag = registry.get("loopinfo.eventloop.lag").tag("loop", loop).timer();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(lag.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(BLOCK.minus(PROBE_INTERVAL).toMillis());
            // Logged as soon as the wait crosses the threshold, while the loop is still
            // blocked.
            assertThat(output).containsPattern("WARN .* Event loop " + loop
                    + " is blocked: a task waited ([2-9]\\d\\d) ms to run \\(threshold 200 ms\\)");
        });

        // The loops' view shows it too, in that loop's last minute.
        Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> client.get()
                .uri("/loops")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.probing")
                .isEqualTo(true)
                .jsonPath("$.loops[?(@.name == '%s')].worstMillis".formatted(loop))
                .value(worst -> assertThat(worst.toString()).matches("\\[([2-9]\\d\\d|\\d{4,})\\..*\\]"))
                .jsonPath("$.loops[?(@.name == '%s')].lastMinuteMillis.length()".formatted(loop))
                .isEqualTo(List.of(60)));
        assertThat(client.get()
            .uri("/loops")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody()).containsPattern("<h2>" + loop + " <span class=\"state (recovered|blocked)\"");
    }

    @Test
    void everyLoopIsProbedAndIdleLoopsShowLittleLag() {
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registry.get("loopinfo.eventloop.lag").timers()).isNotEmpty()
                .allSatisfy(timer -> assertThat(timer.count()).isGreaterThan(10));
            assertThat(registry.get("loopinfo.eventloop.lag.worst").gauges()).isNotEmpty()
                .allSatisfy(worst -> assertThat(worst.value()).as(worst.getId().getTag("loop")).isLessThan(0.2));
        });
    }

    /**
     * Busy for {@link #BLOCK} on the event loop that serves it, the way a heavy
     * computation would be.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class BlockingRoute {

        @Bean
        RouterFunction<ServerResponse> blockingRouter() {
            return RouterFunctions.route().GET("/test/block", request -> {
                long until = System.nanoTime() + BLOCK.toNanos();
                long spins = 0;
                while (System.nanoTime() < until) {
                    spins++;
                }
                return ServerResponse.ok()
                    .header("X-Spins", Long.toString(spins))
                    .bodyValue(Thread.currentThread().getName());
            }).build();
        }

    }

}
