package dev.loopinfo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.AppProcess;

/**
 * Clients that hold a connection without finishing their request: a body that never
 * arrives, or arrives a byte at a time, is cut off after
 * {@code loopinfo.http.request-body-timeout} on both ports; a client that leaves mid-body
 * is no server error; and a flood of connections to the app port stops at
 * {@code loopinfo.http.max-connections} while the management port and its probes keep
 * answering. Against loopinfo in its own process, with small limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsTest {

    private static final int MAX_CONNECTIONS = 100;

    private static final String PAUSE = "POST /actuator/pipeline/pause HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n";

    private AppProcess app;

    @BeforeAll
    void start() throws Exception {
        app = AppProcess.start("--loopinfo.http.request-body-timeout=1s",
                "--logging.level.dev.loopinfo.web.ErrorPages=debug",
                "--loopinfo.http.max-connections=" + MAX_CONNECTIONS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        app.close();
    }

    @Test
    void aBodyThatNeverArrivesIsAnswered408AndClosed() throws Exception {
        long sent = System.nanoTime();
        String answer = RawHttp.exchange(app.managementPort(), PAUSE);

        assertThat(answer).startsWith("HTTP/1.1 408").contains("did not arrive in time");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void aBodyTrickledAByteAtATimeIsCutOff() throws Exception {
        try (Socket client = RawHttp.open(app.managementPort())) {
            client.setSoTimeout(100);
            long sent = System.nanoTime();
            RawHttp.send(client, PAUSE);
            boolean cut = false;
            for (int i = 0; i < 30 && !cut; i++) {
                try {
                    client.getOutputStream().write(' ');
                    // An answer or the end: the server stopped waiting
                    client.getInputStream().read();
                    cut = true;
                }
                catch (SocketTimeoutException stillWaiting) {
                    Thread.sleep(200);
                }
                catch (IOException reset) {
                    cut = true;
                }
            }
            assertThat(cut).as("cut off before the body was whole").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void aPipelinedBodyWaitsForItsTurnAndTimesOutAloneAfterIt() throws Exception {
        long sent = System.nanoTime();
        String answers = RawHttp.exchange(app.port(), "GET /delay/2 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nhalf");

        // The echo's answer starts as its body arrives, and is cut off, unended, a
        // timeout after its turn came.
        assertThat(answers).startsWith("HTTP/1.1 200").contains("Waited 2 s");
        assertThat(answers.substring(answers.indexOf("Waited 2 s"))).startsWith("Waited 2 s")
            .contains("HTTP/1.1 200")
            .endsWith("\r\nhalf\r\n");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(Duration.ofMillis(2_900));
    }

    @Test
    void aBodyCutShortAfterItsEchoStartedIsOneQuietLine() throws Exception {
        int before = app.output().size();
        for (int i = 0; i < 3; i++) {
            String answer = RawHttp.exchange(app.port(), "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly this much");
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("only this much\r\n").doesNotContain("408");
        }
        // The answer had started: there is no 408 to send, it is left unended, and it was
        // no server error.
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> app.output()
                .subList(before, app.output().size())
                .stream()
                .filter(line -> line.contains("POST /echo cut short after its answer started"))
                .count() == 3);
        assertThat(app.output().subList(before, app.output().size()))
            .noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN ") || line.startsWith("\tat "));
    }

    @Test
    void aClientLeavingMidBodyIsNoServerError() throws Exception {
        int before = app.output().size();
        try (Socket client = RawHttp.open(app.managementPort())) {
            RawHttp.send(client, PAUSE + "{");
        }
        List<String> logged = app.awaitLine(before,
                line -> line.contains("/actuator/pipeline/pause left by its client " + "before it arrived whole: 499"),
                Duration.ofSeconds(10));
        assertThat(logged).noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat "));
    }

    @Test
    void probesAnswerWhileTheAppPortIsFlooded() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS * 3; i++) {
                Socket socket = RawHttp.open(app.port());
                RawHttp.send(socket, "GET /hello/slow HTTP/1.1\r\nHost: localhost\r\n");
                flood.add(socket);
            }
            // The last ones opened are over the limit; the first ones are held, waiting
            // for their headers.
            int refused = 0;
            for (int i = flood.size() - 1; i >= 0 && closedByServer(flood.get(i)); i--) {
                refused++;
            }
            assertThat(refused).as("connections over the limit are closed").isEqualTo(MAX_CONNECTIONS * 2);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (String probe : List.of("liveness", "readiness")) {
                HttpResponse<String> answer = http.send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + app.managementPort() + "/actuator/health/" + probe))
                    .timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
            }
        }
        finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        assertThat(app.output()).noneMatch(line -> line.startsWith("\tat "));
    }

    /**
     * Whether the server closes the connection within the socket's timeout, without
     * answering.
     */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(2_000);
            return socket.getInputStream().read() == -1;
        }
        catch (SocketTimeoutException stillOpen) {
            return false;
        }
        catch (IOException reset) {
            return true;
        }
    }

}
