package dev.loopinfo.testbed;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A release can start with faults on, as the chart's {@code faults.*} values set them. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
        "loopinfo.pipeline.enabled=false", "loopinfo.testbed.fault-rate=1", "loopinfo.testbed.fault-status=418" })
class FaultSettingsTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void faultsSetAtStartAnswerFromTheFirstRequest() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
            .get().uri("/").exchange().expectStatus().isEqualTo(418);
        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
            .get().uri("/actuator/faults").exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo(418).jsonPath("$.rate").isEqualTo(1.0);
    }
}
