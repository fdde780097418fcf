package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.RealTool;
import dev.loopinfo.Scrape;
import dev.loopinfo.ServerTest;

/** Prometheus' own linter finds nothing to say about a real scrape. */
@ServerTest
class PromtoolTest {

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
        String scrape = Scrape.of(managementPort).text();

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String problems = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(problems).isEmpty();
        assertThat(check.exitValue()).isZero();
        assertThat(scrape).contains("reactor_netty_eventloop_pending_tasks", "loopinfo_eventloop_lag_seconds_bucket");
    }
}
