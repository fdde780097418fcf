package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Actuator answers on its own port, exposing health, info and prometheus only; the app port serves none of it. */
@ServerTest
class ManagementPortTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebTestClient app;

    WebTestClient management;

    @BeforeEach
    void bindToManagementPort() {
        management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }

    @Test
    void managementHasItsOwnPort() {
        assertThat(managementPort).isPositive().isNotEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
    void healthAndProbesAreUp(String path) {
        management.get().uri(path).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void infoTellsTheBuild() {
        management.get().uri("/actuator/info").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.build.artifact").isEqualTo("loopinfo")
            .jsonPath("$.build.version").exists()
            .jsonPath("$.java.version").exists()
            .jsonPath("$.os.name").exists();
    }

    @Test
    void prometheusScrapesAreServed() {
        management.get().uri("/actuator/prometheus").exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/plain")
            .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
            "/actuator/threaddump", "/actuator/shutdown", "/actuator/loggers", "/actuator/mappings" })
    void nothingElseIsExposed(String path) {
        management.get().uri(path).exchange().expectStatus().isNotFound();
        management.post().uri(path).exchange().expectStatus().value(status -> assertThat(status).isIn(404, 405));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator", "/actuator/health", "/actuator/info", "/actuator/prometheus" })
    void theAppPortServesNoActuator(String path) {
        app.get().uri(path).exchange().expectStatus().isNotFound();
    }
}
