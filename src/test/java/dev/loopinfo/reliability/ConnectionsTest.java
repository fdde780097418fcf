package dev.loopinfo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Slow and idle clients, against loopinfo in its own process with a one-second idle timeout. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsTest {

    /** The blank line after a response's headers, {@code \r\n\r\n}, as the last four bytes read. */
    private static final int END_OF_HEADERS = 0x0D0A0D0A;

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)");

    private AppProcess app;

    @BeforeAll
    void start() throws Exception {
        app = AppProcess.start("--server.netty.idle-timeout=1s", "--loopinfo.pipeline.enabled=false");
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

    @Test
    void aClientThatPipelinesAGreetingAndAPageIsServedOnAfterwards() throws Exception {
        try (Socket client = new Socket("localhost", app.port())) {
            client.setSoTimeout(5_000);
            OutputStream out = client.getOutputStream();
            // the page is answered at once, while the greeting before it still waits
            out.write(("GET /hello/first HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(client.getInputStream())).startsWith("HTTP/1.1 200")
                .contains("<h1>Hello, first!</h1>");
            assertThat(readResponse(client.getInputStream())).startsWith("HTTP/1.1 200").contains("<h1>Index</h1>");

            out.write("GET /hello/next HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(client.getInputStream())).as("the connection still reads requests")
                .startsWith("HTTP/1.1 200").contains("<h1>Hello, next!</h1>");
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

    /** One response, read exactly: its headers, then as many bytes as its Content-Length says. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != END_OF_HEADERS) {
            int b = in.read();
            if (b == -1) {
                return head.toString(StandardCharsets.UTF_8);
            }
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = CONTENT_LENGTH.matcher(headers);
        assertThat(length.find()).as("a sized response: %s", headers).isTrue();
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return headers + new String(body, StandardCharsets.UTF_8);
    }
}
