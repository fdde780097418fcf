package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Faults set at run time reach the app port's requests — a status instead of the page,
 * added latency — and never the management port; each is counted, and clearing them
 * restores every answer. A context of its own, since it changes how the application
 * answers.
 */
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "loopinfo.pipeline.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class FaultInjectionTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private WebTestClient management() {
        return WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + managementPort)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    }

    private WebTestClient app() {
        return WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    }

    /** Sets the fault on the management port, as a user would with curl. */
    private WebTestClient.ResponseSpec setFault(String json) {
        return management().post()
            .uri("/actuator/faults")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json)
            .exchange();
    }

    @AfterEach
    void clear() {
        management().delete().uri("/actuator/faults").exchange().expectStatus().isNoContent();
    }

    @Test
    void aStatusFaultAnswersTheAppPortButNeverTheManagementPort() {
        setFault("{\"rate\":1,\"status\":503}").expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.rate")
            .isEqualTo(1.0)
            .jsonPath("$.status")
            .isEqualTo(503);

        app().get()
            .uri("/")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody(String.class)
            .value(body -> assertThat(body).startsWith("Fault injected: 503"));
        app().get().uri("/hello/Ada").exchange().expectStatus().isEqualTo(503);
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management().get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .value(scrape -> assertThat(scrape)
                .containsPattern("loopinfo_testbed_faults_total\\{[^}]*kind=\"status\"[^}]*\\} [1-9]"));

        management().delete().uri("/actuator/faults").exchange().expectStatus().isNoContent();
        management().get()
            .uri("/actuator/faults")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("{\"rate\":0.0}", JsonCompareMode.STRICT);
        app().get().uri("/").exchange().expectStatus().isOk();
    }

    @Test
    void aLatencyFaultDelaysTheAnswerThenServesItAndIsShownAsWritten(CapturedOutput log) {
        setFault("{\"rate\":1,\"latency\":\"300ms\",\"jitter\":\"100ms\"}").expectStatus().isOk();

        long started = System.nanoTime();
        app().get().uri("/").exchange().expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        management().get()
            .uri("/actuator/faults")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .json("{\"rate\":1.0,\"latency\":\"300ms\",\"jitter\":\"100ms\"}", JsonCompareMode.STRICT);
        assertThat(log.getAll()).contains("Faults injected into 1.0 of the app port's requests: status as served, "
                + "latency 300ms plus up to 100ms");
    }

    @Test
    void aFaultOutOfRangeIsRefusedWithEveryRuleItBreaks() {
        setFault("{\"rate\":2,\"status\":99,\"latency\":\"soon\",\"jitter\":\"11m\"}").expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("rate must be a number from 0 to 1. status must be a whole number from "
                    + "200 to 599, or left out for none. latency must be a duration from 0s to 10m. jitter must be a "
                    + "duration from 0s to 10m.");
        app().get().uri("/").exchange().expectStatus().isOk();
    }

    /**
     * Every control takes a request without a body, whatever it says its type is; a body
     * must be JSON.
     */
    @ParameterizedTest
    @CsvSource({ "/actuator/pipeline/pause, 200", "/actuator/pipeline/resume, 200", "/actuator/readiness/accept, 200",
            "/actuator/faults, 200" })
    void everyControlTakesNoBodyOrJson(String control, int status) {
        management().post().uri(control).exchange().expectStatus().isEqualTo(status);
        management().post()
            .uri(control)
            .header("Content-Type", "text/plain")
            .exchange()
            .expectStatus()
            .isEqualTo(status);
        management().post()
            .uri(control)
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("pause")
            .exchange()
            .expectStatus()
            .isEqualTo(415)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(415);
        management().delete().uri("/actuator/faults").exchange().expectStatus().isNoContent();
    }

    @Test
    void everyErrorOnTheManagementPortIsProblemDetails() {
        management().get()
            .uri("/nowhere")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(404)
            .jsonPath("$.instance")
            .isEqualTo("/nowhere");
    }

}
