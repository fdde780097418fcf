package dev.loopinfo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.loopinfo.support.ClientFaults;
import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.ServerTest;

/**
 * A chunked body that cannot be read (a chunk size that is not a hex number) is the
 * client's fault wherever it comes: one answer, a 400 when none had started, the
 * connection closed, no ERROR or WARN logged, and no 5xx counted.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedBodyTest {

    private static final String CHUNKED = "HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    MeterRegistry registry;

    @Test
    void aBodyUnreadableFromItsStartIsRefused400(CapturedOutput log) throws IOException {
        double serverErrors = ClientFaults.serverErrorsCounted(registry);

        String answer = RawHttp.exchange(port, "POST /echo " + CHUNKED + "zz\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("could not be read").containsOnlyOnce("HTTP/1.1 ");
        assertThat(RawHttp.exchange(managementPort,
                "POST /actuator/pipeline/pause " + CHUNKED.replace("text/plain", "application/json") + "zz\r\n"))
            .startsWith("HTTP/1.1 400")
            .containsOnlyOnce("HTTP/1.1 ");
        assertQuiet(log, serverErrors);
    }

    @Test
    void anEchoUnderWayIsCutShortUnended(CapturedOutput log) throws IOException {
        double serverErrors = ClientFaults.serverErrorsCounted(registry);
        try (Socket socket = RawHttp.open(port)) {
            RawHttp.send(socket, "POST /echo " + CHUNKED + "5\r\nhello\r\n");
            String head = RawHttp.readHead(socket);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            assertThat(readUntil(socket.getInputStream(), "hello")).endsWith("hello");

            RawHttp.send(socket, "zz\r\n");

            // The rest: the chunk's end and the close, never the last chunk that would
            // say the echo was whole.
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("\r\n");
        }
        assertQuiet(log, serverErrors);
    }

    @Test
    void aRouteThatReadsNoBodyAnswersOnceAndCloses(CapturedOutput log) throws IOException {
        double serverErrors = ClientFaults.serverErrorsCounted(registry);

        String answers = RawHttp.exchange(port,
                "POST /status/200 " + CHUNKED + "10\r\n" + "e".repeat(16) + "\r\nzz\r\n");

        assertThat(answers).startsWith("HTTP/1.1 200").containsOnlyOnce("HTTP/1.1 ");
        assertQuiet(log, serverErrors);
    }

    private void assertQuiet(CapturedOutput log, double serverErrors) {
        assertThat(ClientFaults.serverErrorsCounted(registry)).isEqualTo(serverErrors);
        assertThat(ClientFaults.loudLines(log.getAll())).isEmpty();
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (!read.toString().endsWith(end)) {
            int next = in.read();
            assertThat(next).as("more of the answer after %s", read).isNotNegative();
            read.append((char) next);
        }
        return read.toString();
    }

}
