package dev.loopinfo.web;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.ServerTest;

@ServerTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;


    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @CsvSource({ "GET, /, 200", "GET, /hello/Ada, 200", "HEAD, /hello/Ada, 200", "GET, /css/loopinfo.css, 200",
            "GET, /hello?name=Ada, 303", "GET, /hello/%20, 400", "GET, /nowhere, 404", "POST, /, 405",
            "OPTIONS, /, 204" })
    void everyResponseCarriesTheSecurityHeadersAndNoServerVersion(String method, String path, int status) {
        client.method(HttpMethod.valueOf(method)).uri(raw(path))
            .exchange()
            .expectStatus().isEqualTo(status)
            .expectHeader().valueEquals("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
            .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
            .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
            .expectHeader().doesNotExist("Server")
            .expectHeader().doesNotExist("X-Powered-By");
    }

    /** A URI sent exactly as written: percent-escapes in the path are not encoded again. */
    private URI raw(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }
}
