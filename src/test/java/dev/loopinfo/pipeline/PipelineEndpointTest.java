package dev.loopinfo.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.Management;
import dev.loopinfo.support.ServerTest;

/** The pipeline's controls, on the management port only. */
@ServerTest
class PipelineEndpointTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebTestClient app;

    WebTestClient management;

    @BeforeEach
    void bindToManagementPort() {
        management = Management.client(managementPort);
    }

    @AfterEach
    void restoreThePipeline() {
        post("/interval", "{\"interval\":\"1s\"}").expectStatus().isOk();
        post("/resume", "{}").expectStatus().isOk();
    }

    @Test
    void readGivesTheSnapshot() {
        management.get()
            .uri("/actuator/pipeline")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.state")
            .isEqualTo("RUNNING")
            .jsonPath("$.settings.intervalMillis")
            .isEqualTo(1000);
    }

    @Test
    void pauseAndResume() {
        post("/pause", "{}").expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("PAUSED");
        app.get().uri("/api/pipeline").exchange().expectBody().jsonPath("$.state").isEqualTo("PAUSED");

        post("/resume", "{}").expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("RUNNING");
    }

    @Test
    void theIntervalCanBeChanged() {
        post("/interval", "{\"interval\":\"250ms\"}").expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.settings.intervalMillis")
            .isEqualTo(250);
        app.get().uri("/api/pipeline").exchange().expectBody().jsonPath("$.settings.intervalMillis").isEqualTo(250);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"interval\":\"abc\"}", "{\"interval\":\"0ms\"}", "{\"interval\":\"-5s\"}",
            "{\"interval\":\"2h\"}", "{}" })
    void badIntervalsAreRefusedWithTheRule(String body) {
        post("/interval", body).expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .value(String.class, message -> org.assertj.core.api.Assertions.assertThat(message)
                .startsWith("interval must be a duration from 1ms to 1h"));
    }

    @Test
    void unknownActionsAreRefused() {
        post("/explode", "{}").expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Unknown action 'explode': use pause, resume or interval.")
            .jsonPath("$.status")
            .isEqualTo(400)
            .jsonPath("$.instance")
            .isEqualTo("/actuator/pipeline/explode");
    }

    @Test
    void theAppPortHasNoControls() {
        app.post()
            .uri("/actuator/pipeline/pause")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus()
            .isNotFound();
        app.get().uri("/api/pipeline").exchange().expectBody().jsonPath("$.state").isEqualTo("RUNNING");
    }

    private WebTestClient.ResponseSpec post(String action, String body) {
        return management.post()
            .uri("/actuator/pipeline" + action)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange();
    }

}
