package dev.loopinfo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.ServerTest;

@ServerTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @CsvSource({ "GET, /, 200", "GET, /hello/Ada, 200", "HEAD, /hello/Ada, 200", "GET, /css/loopinfo.css, 200",
            "GET, /hello?name=Ada, 303", "GET, /hello/%20, 400", "GET, /nowhere, 404", "POST, /, 405",
            "OPTIONS, /, 204" })
    void everyResponseCarriesTheSecurityHeadersAndNoServerVersion(String method, String path, int status) {
        client.method(HttpMethod.valueOf(method))
            .uri(raw(path))
            .exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .valueEquals("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
            .expectHeader()
            .valueEquals("X-Content-Type-Options", "nosniff")
            .expectHeader()
            .valueEquals("Referrer-Policy", "no-referrer")
            .expectHeader()
            .doesNotExist("Server")
            .expectHeader()
            .doesNotExist("X-Powered-By");
    }

    /**
     * A URI sent exactly as written: percent-escapes in the path are not encoded again.
     */
    private URI raw(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    /**
     * Answers Reactor Netty makes itself, before any route or filter runs, on either
     * port.
     */
    @ParameterizedTest
    @CsvSource({ "app, /hello/%ZZ, '', 400", "app, /hello/%%s, '', 414", "app, /, 'X-Big: %s', 431",
            "management, /actuator/%ZZ, '', 400", "management, /actuator/health, '', 200" })
    void answersFromTheHttpLayerCarryThemToo(String server, String path, String header, int status) throws IOException {
        String big = "x".repeat(9000);
        String head = "GET " + path.replace("%%s", big) + " HTTP/1.1\r\nHost: localhost\r\n"
                + (header.isEmpty() ? "" : header.replace("%s", big) + "\r\n") + "Connection: close\r\n\r\n";
        assertThat(RawHttp.exchange(server.equals("app") ? port : managementPort, head))
            .startsWith("HTTP/1.1 " + status)
            .containsIgnoringCase("Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n")
            .containsIgnoringCase("X-Content-Type-Options: nosniff\r\n")
            .containsIgnoringCase("Referrer-Policy: no-referrer\r\n")
            .doesNotContainIgnoringCase("\r\nServer:");
    }

}
