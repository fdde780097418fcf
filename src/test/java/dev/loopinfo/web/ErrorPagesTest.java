package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.ServerTest;

/** Error answers are negotiated like the pages, so they are kept like them: fresh, and varying by Accept. */
@ServerTest
class ErrorPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @CsvSource({ "GET, /hello/%20, 400, text/html", "GET, /hello/%20, 400, application/json",
            "GET, /nowhere, 404, text/html", "GET, /nowhere, 404, application/json",
            "DELETE, /, 405, text/html", "DELETE, /, 405, application/json" })
    void anErrorIsAnsweredFreshAndVariesByAccept(String method, String path, int status, String accept) {
        client.method(HttpMethod.valueOf(method)).uri(URI.create("http://localhost:" + port + path)).accept(MediaType.parseMediaType(accept))
            .exchange()
            .expectStatus().isEqualTo(status)
            .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType(accept))
            .expectHeader().cacheControl(CacheControl.noCache())
            .expectHeader().values(HttpHeaders.VARY, vary -> assertThat(vary).contains(HttpHeaders.ACCEPT))
            .expectBody().consumeWith(body -> assertThat(body.getResponseBody()).isNotEmpty());
    }
}
