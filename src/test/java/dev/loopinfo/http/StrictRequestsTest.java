package dev.loopinfo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.ServerTest;

/**
 * Requests RFC 9112 says a server must refuse are refused on both ports before any route
 * runs, with the security headers and the connection closed; well-formed ones, HTTP/1.0
 * without {@code Host} among them, are served.
 */
@ServerTest
class StrictRequestsTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no Host                | GET / HTTP/1.1\\r\\n                                 | 400",
            "two Host headers       | GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n        | 400",
            "a Host with a space    | GET / HTTP/1.1\\r\\nHost: a b\\r\\n                  | 400",
            "a Host with markup     | GET / HTTP/1.1\\r\\nHost: <script>\\r\\n             | 400",
            "a lowercase version    | GET / http/1.1\\r\\nHost: a\\r\\n                    | 400",
            "another minor version  | GET / HTTP/1.2\\r\\nHost: a\\r\\n                    | 400",
            "another major version  | GET / HTTP/9.9\\r\\nHost: a\\r\\n                    | 505",
            "a body behind a refusal | POST /api/pipeline/runs?count=1 HTTP/1.1\\r\\nContent-Length: 5\\r\\n | 400",
            "a host and port        | GET / HTTP/1.1\\r\\nHost: localhost:8080\\r\\n       | 200",
            "an IPv6 literal        | GET / HTTP/1.1\\r\\nHost: [::1]:8080\\r\\n           | 200",
            "HTTP/1.0 without Host  | GET / HTTP/1.0\\r\\n                                 | 200",
            "a folded header, joined with a space as RFC 9112 allows | GET / HTTP/1.1\\r\\nHost: a\\r\\nX-A: 1\\r\\n  2\\r\\n | 200" })
    void theAppPortRefusesWhatTheRfcRefuses(String what, String head, int status) throws IOException {
        String answer = send(port, head.replace("\\r\\n", "\r\n").strip() + "\r\n\r\n");

        assertThat(answer).matches("(?s)HTTP/1\\.[01] " + status + " .*")
            .containsIgnoringCase("X-Content-Type-Options: nosniff");
        if (status == 200) {
            assertThat(answer).contains("<h1>Index</h1>");
        }
        else {
            assertThat(answer).containsIgnoringCase("connection: close").doesNotContain("<h1>Index</h1>");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = { "no Host   | GET /actuator/health HTTP/1.1\\r\\n                  | 400",
            "with Host | GET /actuator/health HTTP/1.1\\r\\nHost: localhost\\r\\n | 200" })
    void theManagementPortToo(String what, String request, int status) throws IOException {
        assertThat(send(managementPort, request.replace("\\r\\n", "\r\n").strip() + "\r\n\r\n"))
            .startsWith("HTTP/1.1 " + status);
    }

    @Test
    void nothingSentAfterARefusedRequestIsServed() throws IOException {
        String answers = RawHttp.exchange(port,
                "POST /api/pipeline/runs?count=1 HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                        + "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answers).startsWith("HTTP/1.1 400").doesNotContain("HTTP/1.1 200", "<h1>Index</h1>");
    }

    @ParameterizedTest
    @CsvSource({ "/", "/hello/Ada", "/api/pipeline/runs" })
    void aCrossOriginPreflightIsAllowedNothing(String path) throws IOException {
        String answer = send(port,
                "OPTIONS " + path + " HTTP/1.1\r\nHost: localhost\r\nOrigin: http://elsewhere.example\r\n"
                        + "Access-Control-Request-Method: POST\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Access-Control-Allow");
    }

    /**
     * Sends a request head with {@code Connection: close} added, and the body its
     * {@code Content-Length: 5} promises.
     */
    private static String send(int port, String head) throws IOException {
        String closing = head.substring(0, head.length() - 2) + "Connection: close\r\n\r\n";
        return RawHttp.exchange(port, head.contains("Content-Length: 5\r\n") ? closing + "hello" : closing);
    }

}
