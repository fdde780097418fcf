package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;

/** {@code /headers} hides the headers {@code loopinfo.testbed.redacted-headers} names, whatever their case. */
class RedactedHeadersTest {

    private final TestbedProperties settings = new TestbedProperties(Duration.ofSeconds(60), DataSize.ofMegabytes(1),
            List.of("X-Api-Key", "x-tenant-secret"), DataSize.ofKilobytes(64), Duration.ofSeconds(60), 0, null,
            Duration.ZERO, Duration.ZERO);

    private final WebTestClient client = WebTestClient
        .bindToRouterFunction(new TestbedRoutes().testbedRouter(new TestbedHandler(settings, new SimpleMeterRegistry())))
        .build();

    @Test
    void theConfiguredHeadersAreRedactedBesideTheCredentials() {
        client.get().uri("/headers").accept(MediaType.APPLICATION_JSON)
            .header("x-api-key", "k1").header("X-Tenant-Secret", "t1").header("Authorization", "Basic eDp5")
            .header("X-Visible", "v")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.headers.x-api-key[0]").isEqualTo("[redacted]")
            .jsonPath("$.headers.X-Tenant-Secret[0]").isEqualTo("[redacted]")
            .jsonPath("$.headers.Authorization[0]").isEqualTo("[redacted]")
            .jsonPath("$.headers.X-Visible[0]").isEqualTo("v");
    }
}
