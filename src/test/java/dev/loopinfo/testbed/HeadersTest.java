package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;

/**
 * {@code /headers} hides common credentials and the headers {@code loopinfo.testbed.redacted-headers} names, however a
 * proxy spells them, and shows each header once however many spellings of its name arrived.
 */
class HeadersTest {

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

    @Test
    void credentialsAreRedactedHoweverAProxySpellsThem() {
        client.get().uri("/headers").accept(MediaType.APPLICATION_JSON)
            .header("X_Api_Key", "k1").header("X_TENANT_SECRET", "t1").header("set-cookie", "s=1")
            .header("X-Auth-Token", "a1").header("x-amz-security-token", "z1").header("X-Csrf-Token", "c1")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.headers.X_Api_Key[0]").isEqualTo("[redacted]")
            .jsonPath("$.headers.X_TENANT_SECRET[0]").isEqualTo("[redacted]")
            .jsonPath("$.headers.set-cookie[0]").isEqualTo("[redacted]")
            .jsonPath("$.headers.X-Auth-Token[0]").isEqualTo("[redacted]")
            .jsonPath("$.headers.x-amz-security-token[0]").isEqualTo("[redacted]")
            .jsonPath("$.headers.X-Csrf-Token[0]").isEqualTo("[redacted]");
    }

    @Test
    void aHeaderSentUnderManySpellingsIsShownOnceWithEachValueOnce() {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/headers").accept(MediaType.APPLICATION_JSON);
        for (String spelling : List.of("x-many", "X-Many", "X-MANY", "x-MaNy")) {
            request = request.header(spelling, spelling);
        }
        request.exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.headers.x-many").isEqualTo(List.of("x-many", "X-Many", "X-MANY", "x-MaNy"))
            .jsonPath("$.headers.X-Many").doesNotExist()
            .jsonPath("$.headers.X-MANY").doesNotExist()
            .jsonPath("$.headers.x-MaNy").doesNotExist();
    }

    /** Each spelling once: the answer grows with the request, never with its square. */
    @Test
    void everySpellingOfANameCostsTheAnswerNoMoreThanItsOwnValue() {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/headers").accept(MediaType.APPLICATION_JSON);
        int requestBytes = 0;
        for (int variant = 0; variant < 512; variant++) {
            StringBuilder spelling = new StringBuilder();
            for (int letter = 0; letter < 9; letter++) {
                char c = "amplifies".charAt(letter);
                spelling.append(((variant >> letter) & 1) == 1 ? Character.toUpperCase(c) : c);
            }
            request = request.header(spelling.toString(), "v" + variant);
            requestBytes += spelling.length() + 6;
        }
        byte[] answer = request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();

        assertThat(answer).hasSizeLessThan(requestBytes);
    }
}
