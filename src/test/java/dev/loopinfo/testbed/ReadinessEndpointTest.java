package dev.loopinfo.testbed;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Readiness by hand: the instance leaves its Service (readiness 503) while it keeps
 * serving pages, and comes back. A context of its own, since it changes the application's
 * readiness.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "loopinfo.pipeline.enabled=false" })
class ReadinessEndpointTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void refusingTrafficTurnsReadinessDownWhilePagesAreServedAndAcceptingTurnsItBack() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        WebTestClient app = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();

        management.get()
            .uri("/actuator/readiness")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.readiness")
            .isEqualTo("ACCEPTING_TRAFFIC");

        management.post()
            .uri("/actuator/readiness/refuse")
            .contentType(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.readiness")
            .isEqualTo("REFUSING_TRAFFIC");
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        app.get().uri("/").exchange().expectStatus().isOk();
        app.get().uri("/hello/Ada").exchange().expectStatus().isOk();

        management.post()
            .uri("/actuator/readiness/accept")
            .contentType(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.readiness")
            .isEqualTo("ACCEPTING_TRAFFIC");
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void anUnknownActionIsRefusedWithTheChoices() {
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + managementPort)
            .build()
            .post()
            .uri("/actuator/readiness/maybe")
            .contentType(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("Unknown action 'maybe': use refuse or accept.");
    }

}
