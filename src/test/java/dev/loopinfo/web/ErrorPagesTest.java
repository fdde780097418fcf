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

import dev.loopinfo.support.ServerTest;

/**
 * Error answers are negotiated like the pages — a page, or problem details for a client
 * that ranks JSON first — so they are kept like them: fresh, and varying by Accept.
 */
@ServerTest
class ErrorPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @CsvSource({ "GET, /hello/%20, 400, text/html, text/html",
            "GET, /hello/%20, 400, application/json, application/problem+json",
            "GET, /nowhere, 404, text/html, text/html",
            "GET, /nowhere, 404, application/json, application/problem+json",
            "GET, /nowhere, 404, application/problem+json, application/problem+json",
            "GET, /nowhere, 404, 'text/html, application/problem+json;q=0.9', text/html",
            "DELETE, /, 405, text/html, text/html", "DELETE, /, 405, application/json, application/problem+json" })
    void anErrorIsAnsweredFreshAndVariesByAccept(String method, String path, int status, String accept,
            String answered) {
        client.method(HttpMethod.valueOf(method))
            .uri(URI.create("http://localhost:" + port + path))
            .header(HttpHeaders.ACCEPT, accept)
            .exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.parseMediaType(answered))
            .expectHeader()
            .cacheControl(CacheControl.noCache())
            .expectHeader()
            .values(HttpHeaders.VARY, vary -> assertThat(vary).contains(HttpHeaders.ACCEPT))
            .expectBody()
            .consumeWith(body -> assertThat(body.getResponseBody()).isNotEmpty());
    }

}
