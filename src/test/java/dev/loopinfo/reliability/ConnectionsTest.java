package dev.loopinfo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.AppProcess;

/**
 * Slow and idle clients, against loopinfo in its own process with a one-second idle
 * timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsTest {

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
        try (Socket slow = RawHttp.open(app.port())) {
            slow.setSoTimeout(100);
            long opened = System.nanoTime();
            RawHttp.send(slow, "GET /hello/slow HTTP/1.1\r\nHost: localhost\r\n");
            boolean served = false;
            boolean cut = false;
            for (int i = 0; i < 50 && !cut; i++) {
                if (i == 1) {
                    served = fetch("/").startsWith("HTTP/1.1 200");
                }
                try {
                    RawHttp.send(slow, "X-Slow-" + i + ": 1\r\n");
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
        try (Socket idle = RawHttp.open(app.port())) {
            long opened = System.nanoTime();

            assertThat(idle.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(4));
        }
    }

    @Test
    void aKeepAliveClientThatKeepsUpIsServedAgainAndAgain() throws Exception {
        try (Socket client = RawHttp.open(app.port())) {
            for (int i = 0; i < 3; i++) {
                RawHttp.send(client, "GET /hello/again-" + i + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(RawHttp.readResponse(client)).startsWith("HTTP/1.1 200")
                    .contains("<h1>Hello, again-" + i + "!</h1>");
                Thread.sleep(600); // idle, but less than the timeout
            }
        }
    }

    @Test
    void aClientThatPipelinesAGreetingAndAPageIsServedOnAfterwards() throws Exception {
        try (Socket client = RawHttp.open(app.port())) {
            // the page is answered at once, while the greeting before it still waits
            RawHttp.send(client, "GET /hello/first HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(RawHttp.readResponse(client)).startsWith("HTTP/1.1 200").contains("<h1>Hello, first!</h1>");
            assertThat(RawHttp.readResponse(client)).startsWith("HTTP/1.1 200").contains("<h1>Index</h1>");

            RawHttp.send(client, "GET /hello/next HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(RawHttp.readResponse(client)).as("the connection still reads requests")
                .startsWith("HTTP/1.1 200")
                .contains("<h1>Hello, next!</h1>");
        }
    }

    private String fetch(String path) throws IOException {
        return RawHttp.exchange(app.port(),
                "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    /**
     * True when the server has closed the connection; false when it is still open and
     * silent.
     */
    private static boolean readEnd(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        }
        catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

}
