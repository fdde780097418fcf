package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;

/**
 * {@code /headers} hides common credentials and the headers
 * {@code loopinfo.testbed.redacted-headers} names, however a proxy spells them, and shows
 * each header once however many spellings of its name arrived.
 */
class HeadersTest {

    private static final String REDACTED = "[redacted]";

    private final TestbedProperties settings = new TestbedProperties(Duration.ofSeconds(60), DataSize.ofMegabytes(1),
            List.of("X-Api-Key", "x-tenant-secret"), DataSize.ofKilobytes(64), Duration.ofSeconds(60), 0, null,
            Duration.ZERO, Duration.ZERO);

    private final WebTestClient client = WebTestClient
        .bindToRouterFunction(
                new TestbedRoutes().testbedRouter(new TestbedHandler(settings, new SimpleMeterRegistry())))
        .build();

    @Test
    void theCredentialsAreRedactedAndEveryOtherHeaderShownAsSent() {
        assertThat(shown(Map.of("Authorization", "Bearer secret", "Proxy-Authorization", "Basic c2VjcmV0", "Cookie",
                "session=secret", "X-Trace", "abc")))
            .containsEntry("Authorization", List.of(REDACTED))
            .containsEntry("Proxy-Authorization", List.of(REDACTED))
            .containsEntry("Cookie", List.of(REDACTED))
            .containsEntry("X-Trace", List.of("abc"))
            .containsEntry("Accept", List.of("application/json"));
    }

    @Test
    void theConfiguredHeadersAreRedactedBesideTheCredentials() {
        assertThat(shown(
                Map.of("x-api-key", "k1", "X-Tenant-Secret", "t1", "Authorization", "Basic eDp5", "X-Visible", "v")))
            .containsEntry("x-api-key", List.of(REDACTED))
            .containsEntry("X-Tenant-Secret", List.of(REDACTED))
            .containsEntry("Authorization", List.of(REDACTED))
            .containsEntry("X-Visible", List.of("v"));
    }

    @Test
    void credentialsAreRedactedHoweverAProxySpellsThem() {
        Map<String, String> sent = Map.of("X_Api_Key", "k1", "X_TENANT_SECRET", "t1", "set-cookie", "s=1",
                "X-Auth-Token", "a1", "x-amz-security-token", "z1", "X-Csrf-Token", "c1");

        assertThat(shown(sent)).containsAllEntriesOf(
                sent.keySet().stream().collect(Collectors.toMap(name -> name, name -> List.of(REDACTED))));
    }

    @Test
    void aHeaderSentUnderManySpellingsIsShownOnceWithEachValueOnce() {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/headers").accept(MediaType.APPLICATION_JSON);
        for (String spelling : List.of("x-many", "X-Many", "X-MANY", "x-MaNy")) {
            request = request.header(spelling, spelling);
        }
        request.exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.headers.x-many")
            .isEqualTo(List.of("x-many", "X-Many", "X-MANY", "x-MaNy"))
            .jsonPath("$.headers.X-Many")
            .doesNotExist()
            .jsonPath("$.headers.X-MANY")
            .doesNotExist()
            .jsonPath("$.headers.x-MaNy")
            .doesNotExist();
    }

    /** The headers {@code /headers} shows, as JSON, for a request with these. */
    private Map<String, List<String>> shown(Map<String, String> sent) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/headers").accept(MediaType.APPLICATION_JSON);
        for (Map.Entry<String, String> header : sent.entrySet()) {
            request = request.header(header.getKey(), header.getValue());
        }
        return request.exchange()
            .expectStatus()
            .isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Map<String, List<String>>>>() {
            })
            .returnResult()
            .getResponseBody()
            .get("headers");
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
