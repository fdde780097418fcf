package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.RealTool;
import dev.loopinfo.support.Scrape;
import dev.loopinfo.support.ServerTest;

/** Prometheus' own linter finds nothing to say about a real scrape. */
@ServerTest
class PromtoolTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebTestClient client;

    @Test
    void aRealScrapeHasNoProblems() throws IOException, InterruptedException {
        Path promtool = RealTool.require("promtool", "prometheus");
        client.get().uri("/hello/Ada").exchange().expectStatus().isOk();
        client.get().uri("/nowhere").exchange().expectStatus().isNotFound();
        client.post().uri("/api/pipeline/runs?count=2").exchange().expectStatus().isOk();
        abortAResponse();
        String scrape = Scrape.of(managementPort).text();

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String problems = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(problems).isEmpty();
        assertThat(check.exitValue()).isZero();
        assertThat(scrape).contains("reactor_netty_eventloop_pending_tasks", "loopinfo_eventloop_lag_seconds_bucket",
                "reactor_netty_http_server_connections_active", "http_server_requests_seconds_bucket");
    }

    /**
     * A client that leaves while its greeting waits: the request's series (a cancelled
     * one) has to lint too.
     */
    private void abortAResponse() throws IOException {
        double activeBefore = active();
        double greetedBefore = greetings();
        try (Socket socket = RawHttp.open(port)) {
            socket.setSoLinger(true, 0);
            RawHttp.send(socket, "GET /hello/leaving HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> active() > activeBefore);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> greetings() > greetedBefore);
    }

    /** Connections with a request in progress now, as scraped. */
    private double active() {
        return sum("reactor_netty_http_server_connections_active{");
    }

    /** Requests timed so far, however they ended, as scraped. */
    private double greetings() {
        return sum("http_server_requests_seconds_count{");
    }

    private double sum(String series) {
        return Scrape.of(managementPort).sum(series);
    }

}
