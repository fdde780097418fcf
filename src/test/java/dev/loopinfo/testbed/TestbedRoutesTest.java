package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.loopinfo.support.Pages;
import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.ServerTest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The test bed answers after the wait asked for, holding no thread, and with the status
 * asked for.
 */
@ServerTest
class TestbedRoutesTest {

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry registry;

    @LocalServerPort
    int port;

    @Test
    void aDelayAnswersAfterItsWaitWithTheWaitAsJson() {
        long started = System.nanoTime();
        client.get()
            .uri("/delay/0.30")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody()
            .json("{\"delay\":0.3}", true);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        client.get()
            .uri("/delay/0")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectBody()
            .json("{\"delay\":0}", true);
    }

    @Test
    void aBrowserGetsAPageInTheSitesLook() {
        String page = client.get()
            .uri("/delay/0.1")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(Pages.HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(page).contains("<title>Waited 0.1 s · loopinfo</title>", "<h1>Waited 0.1 s</h1>",
                "href=\"/css/loopinfo.css\"");
        // What the chart's helm test pod looks for.
        assertThat(client.get().uri("/status/200").exchange().expectBody(String.class).returnResult().getResponseBody())
            .contains("<h1>200 OK</h1>");
        assertThat(client.get().uri("/delay/0").exchange().expectBody(String.class).returnResult().getResponseBody())
            .contains("<h1>Waited 0 s</h1>");
        assertThat(client.get().uri("/headers").exchange().expectBody(String.class).returnResult().getResponseBody())
            .containsIgnoringCase("<code>host</code>");
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "abc", "1e3", "60.000000001", "61", "1.0000000001", " 1", "0x10", "NaN", "Infinity",
            "1.", ".5", "1,5",
            "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999" })
    void aDelayThatIsNotANumberFromZeroToTheMaximumIsRefusedWithTheRule(String seconds) {
        client.get()
            .uri("/delay/{seconds}", seconds)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("seconds must be a number from 0 to 60 (loopinfo.testbed.max-delay), such as 1.5.");
    }

    @Test
    void aThousandDelaysWaitTogetherNotInTurn() {
        int concurrent = 1_000;
        ConnectionProvider connections = ConnectionProvider.builder("delays")
            .maxConnections(concurrent)
            .pendingAcquireMaxCount(-1)
            .build();
        WebClient web = WebClient.builder()
            .baseUrl("http://localhost:" + port)
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
            .build();
        try {
            long started = System.nanoTime();
            List<String> answers = Flux.range(0, concurrent)
                .flatMap(i -> web.get()
                    .uri("/delay/1")
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .bodyToMono(String.class), concurrent)
                .collectList()
                .block(Duration.ofSeconds(60));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answers).hasSize(concurrent).allMatch("{\"delay\":1}"::equals);
            // In turn they would take 1,000 s; together, about one. Loose on purpose: the
            // suite shares two cores.
            assertThat(elapsed).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
        finally {
            connections.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "POST", "PUT", "PATCH", "DELETE" })
    void aStatusIsAnsweredAsAskedWhateverTheMethod(String method) {
        client.method(HttpMethod.valueOf(method))
            .uri("/status/503")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody()
            .json("{\"status\":503,\"reason\":\"Service Unavailable\"}", true);
    }

    @Test
    void aStatusPageNamesTheStatusAndAStatusWithoutAReasonHasNone() {
        String page = client.get()
            .uri("/status/418")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isEqualTo(418)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(page).contains("<h1>418 I&#x27;m a teapot</h1>", "Answered 418 because the request asked for it.");

        client.get()
            .uri("/status/299")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isEqualTo(299)
            .expectBody()
            .json("{\"status\":299,\"reason\":\"\"}", true);
    }

    @ParameterizedTest
    @ValueSource(ints = { 204, 205, 304 })
    void aStatusThatCarriesNoBodyIsAnsweredWithout(int status) {
        client.get()
            .uri("/status/{code}", status)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectBody()
            .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "199", "600", "100", "999", "abc", "5O3", "-503", "0503", "503.0",
            "50300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" })
    void aStatusOutsideTwoHundredToFiveNinetyNineIsRefusedWithTheRule(String code) {
        client.get()
            .uri("/status/{code}", code)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("code must be an HTTP status from 200 to 599, such as 503.");
    }

    @Test
    void everyAnswerAskedForIsCountedApartFromRealErrors() {
        double before = registry.get("loopinfo.testbed.answers").tag("kind", "status").counter().count();
        client.get().uri("/status/500").exchange().expectStatus().isEqualTo(500);
        client.post().uri("/status/502").exchange().expectStatus().isEqualTo(502);
        client.get().uri("/status/200").exchange().expectStatus().isOk();
        assertThat(registry.get("loopinfo.testbed.answers").tag("kind", "status").counter().count())
            .isEqualTo(before + 3);

        double delays = registry.get("loopinfo.testbed.answers").tag("kind", "delay").counter().count();
        client.get().uri("/delay/0").exchange().expectStatus().isOk();
        assertThat(registry.get("loopinfo.testbed.answers").tag("kind", "delay").counter().count())
            .isEqualTo(delays + 1);
    }

    @Test
    void otherMethodsAreNotAllowed() {
        client.post()
            .uri("/delay/1")
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .valueEquals("Allow", "GET,HEAD,OPTIONS");
        client.options()
            .uri("/status/200")
            .exchange()
            .expectStatus()
            .isNoContent()
            .expectHeader()
            .valueEquals("Allow", "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT");
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "text/plain;charset=UTF-8", "application/octet-stream", "image/png" })
    void echoSendsTheBodyBackWithItsType(String type) {
        client.post()
            .uri("/echo")
            .contentType(MediaType.parseMediaType(type))
            .bodyValue("{\"a\":1}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.parseMediaType(type))
            .expectBody(String.class)
            .isEqualTo("{\"a\":1}");
    }

    /**
     * Only inert types come back as sent: any other text as plain text, anything else as
     * bytes.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "text/html | text/plain",
            "text/html;charset=UTF-8 | text/plain;charset=UTF-8", "TEXT/HTML | text/plain", "text/xml | text/plain",
            "text/javascript | text/plain", "text/xsl | text/plain", "text/livescript | text/plain",
            "text/vbscript | text/plain", "text/x-component | text/plain", "image/svg+xml | application/octet-stream",
            "application/xhtml+xml | application/octet-stream", "application/xml | application/octet-stream",
            "application/rss+xml | application/octet-stream", "application/javascript | application/octet-stream",
            "application/ecmascript | application/octet-stream", "application/pdf | application/octet-stream",
            "multipart/x-mixed-replace;boundary=x | application/octet-stream" })
    void echoSendsAnyTypeButAnInertOneBackAsTextOrBytes(String type, String echoed) {
        client.put()
            .uri("/echo")
            .contentType(MediaType.parseMediaType(type))
            .bodyValue("<script>alert(1)</script>")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.parseMediaType(echoed))
            .expectBody(String.class)
            .isEqualTo("<script>alert(1)</script>");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Content-Type: not a type\r\n", "Content-Type: */*\r\n", "Content-Type: text/*\r\n" })
    void echoOfABodyWithoutAUsableTypeIsNeverActive(String contentType) throws Exception {
        String answer = RawHttp.exchange(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + contentType + "Content-Length: 3\r\n\r\nabc");
        assertThat(answer).startsWith("HTTP/1.1 200")
            .contains("\r\n\r\n3\r\nabc\r\n0\r\n")
            .containsPattern("(?i)content-type: (application/octet-stream|text/plain)\r\n");
    }

    @Test
    void echoTakesABodyUpToTheLimitAndRefusesALargerOneWithoutEchoingIt() {
        byte[] limit = new byte[1024 * 1024];
        Arrays.fill(limit, (byte) 'a');
        byte[] echoed = client.mutate()
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(2 * limit.length))
            .build()
            .post()
            .uri("/echo")
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .bodyValue(limit)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
        assertThat(echoed).isEqualTo(limit);

        client.post()
            .uri("/echo")
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .bodyValue(new byte[limit.length + 1])
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isEqualTo(413)
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("The body must be at most 1048576 bytes (loopinfo.testbed.max-echo-size).");
    }

    @Test
    void aStreamedBodyIsEchoedAsItArrivesAndCutOffPastTheLimit() {
        WebClient web = WebClient.create("http://localhost:" + port);
        Flux<DataBuffer> small = Flux.range(0, 64).map(i -> chunk(1024));
        Long echoed = web.post()
            .uri("/echo")
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .body(small, DataBuffer.class)
            .retrieve()
            .bodyToFlux(DataBuffer.class)
            .map(TestbedRoutesTest::size)
            .reduce(0L, Long::sum)
            .block(Duration.ofSeconds(30));
        assertThat(echoed).isEqualTo(64 * 1024);

        // No length given, so the answer has begun when the limit is passed: it is cut
        // off, never whole.
        Flux<DataBuffer> large = Flux.range(0, 1100).map(i -> chunk(1024));
        Long over = web.post()
            .uri("/echo")
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .body(large, DataBuffer.class)
            .exchangeToMono(response -> response.bodyToFlux(DataBuffer.class)
                .map(TestbedRoutesTest::size)
                .reduce(0L, Long::sum))
            .onErrorResume(cutOff -> Mono.just(-1L))
            .block(Duration.ofSeconds(30));
        assertThat(over).isLessThan(1100 * 1024);
    }

    private static long size(DataBuffer buffer) {
        long size = buffer.readableByteCount();
        DataBufferUtils.release(buffer);
        return size;
    }

    private static DataBuffer chunk(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'b');
        return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
    }

    /**
     * What the page shows is escaped, and a credential not at all (the JSON form's
     * redaction: HeadersTest).
     */
    @Test
    void theHeadersPageEscapesWhatItShows() {
        String page = client.get()
            .uri("/headers")
            .accept(MediaType.TEXT_HTML)
            .header("X-Evil", "<script>alert(1)</script>")
            .header("Cookie", "session=secret")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(page)
            .contains("<code>X-Evil</code>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<code>[redacted]</code>")
            .doesNotContain("<script>alert(1)", "session=secret");
    }

}
