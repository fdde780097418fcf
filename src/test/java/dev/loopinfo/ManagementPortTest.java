package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.Management;
import dev.loopinfo.support.Scrape;
import dev.loopinfo.support.ServerTest;

/**
 * Actuator answers on its own port, exposing health, info, prometheus, metrics and
 * pipeline only; the app port serves none of it, and the management port serves none of
 * the app.
 */
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
        management = Management.client(managementPort);
    }

    @Test
    void managementHasItsOwnPort() {
        assertThat(managementPort).isPositive().isNotEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
    void healthAndProbesAreUp(String path) {
        management.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void infoTellsTheBuild() {
        management.get()
            .uri("/actuator/info")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.build.artifact")
            .isEqualTo("loopinfo")
            .jsonPath("$.build.version")
            .exists()
            .jsonPath("$.java.version")
            .exists()
            .jsonPath("$.os.name")
            .exists();
    }

    @Test
    void prometheusScrapesAreServed() {
        management.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith("text/plain");
        assertThat(Scrape.of(managementPort).text()).contains("jvm_memory_used_bytes");
    }

    @Test
    void metricsAreBrowsable() {
        management.get()
            .uri("/actuator/metrics/loopinfo.pipeline.messages")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.availableTags[?(@.tag == 'outcome')].values[*]")
            .value(List.class, outcomes -> assertThat(outcomes).contains("produced", "acknowledged", "failed",
                    "dropped", "deferred"));
    }

    @Test
    void theStartupGroupIsUp() {
        management.get()
            .uri("/actuator/health/startup")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("UP");
    }

    @Test
    void infoTellsTheGitCommitWhenTheBuildHadOne() {
        boolean built = new ClassPathResource("git.properties").exists();
        if (!built) {
            assertThat(System.getenv("CI")).as("CI builds from a git clone, so it has git.properties")
                .isNotEqualTo("true");
            return;
        }
        management.get()
            .uri("/actuator/info")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.git.commit.id")
            .isNotEmpty();
    }

    @Test
    void exactlyTheDocumentedEndpointsAreExposed() {
        management.get()
            .uri("/actuator")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .value(links -> assertThat(links.replaceAll("\\s", "")).containsPattern("\"_links\":\\{\"self\"")
                .doesNotContain("\"env\"", "\"beans\"", "\"configprops\"", "\"heapdump\"", "\"threaddump\"",
                        "\"shutdown\"", "\"loggers\"", "\"mappings\"")
                .contains("\"health\"", "\"info\"", "\"prometheus\"", "\"metrics\"", "\"pipeline\""));
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

    @ParameterizedTest
    @ValueSource(strings = { "/", "/hello/Ada", "/hello?name=Ada", "/lessons", "/lessons/interleave",
            "/lessons/interleave/events", "/pipeline", "/pipeline/events", "/api/pipeline", "/delay/0", "/status/200",
            "/headers", "/echo", "/api/pipeline/runs?count=3" })
    void theManagementPortServesNoAppRoute(String path) {
        app.method(HttpMethod.OPTIONS).uri(path).exchange().expectStatus().isNoContent();
        assertOnlyNotFound(path);
    }

    @Test
    void theManagementPortHasNoWebSocket() {
        management.get()
            .uri("/ws/echo")
            .header("Upgrade", "websocket")
            .header("Connection", "Upgrade")
            .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
            .header("Sec-WebSocket-Version", "13")
            .exchange()
            .expectStatus()
            .isNotFound();
        assertOnlyNotFound("/ws/echo");
    }

    private void assertOnlyNotFound(String path) {
        for (HttpMethod method : HttpMethod.values()) {
            management.method(method)
                .uri(path)
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).as(method + " " + path).isEqualTo(404));
        }
    }

}
