package dev.loopinfo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Slow and idle clients, against loopinfo in its own process with a one-second request-header timeout. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsTest {

    private AppProcess app;

    @BeforeAll
    void start() throws Exception {
        app = AppProcess.start("--loopinfo.http.request-header-timeout=1s", "--loopinfo.pipeline.enabled=false");
    }

    @AfterAll
    void stop() throws InterruptedException {
        app.close();
    }

    @Test
    void aClientTricklingHeadersIsCutOffWhileOthersAreServed() throws Exception {
        try (Socket slow = new Socket("localhost", app.port())) {
            slow.setSoTimeout(100);
            OutputStream out = slow.getOutputStream();
            long opened = System.nanoTime();
            out.write("GET /hello/slow HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean served = false;
            boolean cut = false;
            for (int i = 0; i < 50 && !cut; i++) {
                if (i == 1) {
                    served = fetch("/").startsWith("HTTP/1.1 200");
                }
                try {
                    out.write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    cut = readEnd(slow.getInputStream());
                }
                catch (IOException reset) {
                    cut = true;
                }
                Thread.sleep(200);
            }
            Duration heldFor = Duration.ofNanos(System.nanoTime() - opened);

            assertThat(served).as("another client is served meanwhile").isTrue();
            assertThat(cut).as("the trickling client is cut off").isTrue();
            assertThat(heldFor).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeout() throws Exception {
        try (Socket idle = new Socket("localhost", app.port())) {
            idle.setSoTimeout(5_000);
            long opened = System.nanoTime();

            assertThat(idle.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(4));
        }
    }

    @Test
    void aKeepAliveClientThatKeepsUpIsServedAgainAndAgain() throws Exception {
        try (Socket client = new Socket("localhost", app.port())) {
            client.setSoTimeout(5_000);
            for (int i = 0; i < 3; i++) {
                client.getOutputStream().write(("GET /hello/again-" + i + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                String response = readResponse(client.getInputStream());
                assertThat(response).startsWith("HTTP/1.1 200").contains("<h1>Hello, again-" + i + "!</h1>");
                Thread.sleep(600); // idle, but less than the timeout
            }
        }
    }

    private String fetch(String path) throws IOException {
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** True when the server has closed the connection; false when it is still open and silent. */
    private static boolean readEnd(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        }
        catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** One response: headers, then a chunked or sized body, read until the page ends. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder response = new StringBuilder();
        while (!response.toString().contains("</html>")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            response.append((char) b);
        }
        // the final chunk's terminator
        while (in.available() > 0) {
            response.append((char) in.read());
        }
        return new String(response.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
