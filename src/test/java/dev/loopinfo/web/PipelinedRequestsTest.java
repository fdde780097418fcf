package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.ServerTest;

/**
 * Requests sent one behind another on a connection without waiting (pipelined) are
 * answered in the order they were sent, as RFC 9112 9.3.2 requires, whatever the answer:
 * a client pairs each answer with its request by order alone.
 */
@ServerTest
class PipelinedRequestsTest {

    private static final String WAIT = "GET /delay/0.3 HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            value = { "no Host                  | GET / HTTP/1.1\\r\\n\\r\\n            | 400",
                    "HTTP/2.0 written as text | GET / HTTP/2.0\\r\\nHost: a\\r\\n\\r\\n | 505",
                    "another major version    | GET / HTTP/9.9\\r\\nHost: a\\r\\n\\r\\n | 505" })
    void aRefusalBehindASlowAnswerComesAfterIt(String what, String refused, int status) throws IOException {
        String answers = RawHttp.exchange(port, WAIT + refused.replace("\\r\\n", "\r\n"));

        assertThat(answers).startsWith("HTTP/1.1 200").contains("Waited 0.3 s");
        assertThat(answers.substring(answers.indexOf("Waited 0.3 s"))).containsOnlyOnce("HTTP/1.1 ")
            .contains("HTTP/1.1 " + status)
            .containsIgnoringCase("connection: close");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an echo with a body | POST /echo HTTP/1.1\\r\\nHost: localhost\\r\\nContent-Type: text/plain\\r\\nContent-Length: 5\\r\\n\\r\\nhello | hello",
            "a slow answer       | GET /delay/0.3 HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n | Waited 0.3 s" })
    void aRequestBehindAnotherIsAnsweredAfterIt(String what, String first, String firstAnswer) throws IOException {
        try (Socket socket = RawHttp.open(port)) {
            RawHttp.send(socket,
                    first.replace("\\r\\n", "\r\n") + "GET /hello/Ada HTTP/1.1\r\nHost: localhost\r\n\r\n");

            String answer = RawHttp.readHead(socket);
            assertThat(answer).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            assertThat(readBody(socket, answer)).contains(firstAnswer);
            assertThat(RawHttp.readResponse(socket)).startsWith("HTTP/1.1 200").contains("<h1>Hello, Ada!</h1>");
        }
    }

    /** The body of an answer sized by its length or sent in chunks. */
    private static String readBody(Socket socket, String head) throws IOException {
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            StringBuilder body = new StringBuilder();
            for (int size = chunkSize(socket); size > 0; size = chunkSize(socket)) {
                body.append(new String(socket.getInputStream().readNBytes(size + 2)).strip());
            }
            socket.getInputStream().readNBytes(2);
            return body.toString();
        }
        int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        return new String(socket.getInputStream().readNBytes(length));
    }

    private static int chunkSize(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = socket.getInputStream().read(); next != '\n'; next = socket.getInputStream().read()) {
            assertThat(next).as("a chunk's size line").isNotNegative();
            line.append((char) next);
        }
        return Integer.parseInt(line.toString().strip(), 16);
    }

}
