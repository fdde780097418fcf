package dev.loopinfo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.AppProcess;

/**
 * The pipeline given more than its one thread can do — a tick every millisecond of
 * 100,000 messages each — still takes controls and snapshots promptly and stops with a
 * final account: ticks that fall behind are skipped and counted, never queued ahead of
 * everything else. Against loopinfo in its own process.
 */
class PipelineStressTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anOverloadedPipelineAnswersSnapshotsAndControlsAndStops() throws Exception {
        try (AppProcess app = AppProcess.start("--loopinfo.pipeline.interval=1ms",
                "--loopinfo.pipeline.batch=100000")) {
            // Overloaded: batches take longer than the interval, so ticks are skipped.
            Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> app.metric("loopinfo.pipeline.ticks.skipped") > 0);
            send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/pipeline")), 10);

            long asked = System.nanoTime();
            HttpResponse<String> snapshot = send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/pipeline")), 1);
            assertThat(snapshot.body()).contains("\"state\":\"RUNNING\"");
            HttpResponse<String> paused = send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + app.managementPort() + "/actuator/pipeline/pause"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()), 1);
            assertThat(paused.body()).contains("\"state\":\"PAUSED\"");
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));

            app.sigterm();

            assertThat(app.exited(Duration.ofSeconds(20))).isTrue();
            assertThat(app.outputToTheEnd()).anySatisfy(line -> assertThat(line).contains("Pipeline stopped: produced"))
                .noneMatch(line -> line.contains("still running after timeout"));
        }
    }

    @Test
    void sixtyReadersOfAnOverloadedPipelineCostItNothing() throws Exception {
        try (AppProcess app = AppProcess.start("--loopinfo.pipeline.interval=1ms", "--loopinfo.pipeline.batch=1000",
                "--loopinfo.pipeline.overflow=drop-oldest", "--loopinfo.pipeline.work=5ms")) {
            List<Socket> readers = new ArrayList<>();
            ExecutorService draining = Executors.newFixedThreadPool(60);
            try {
                for (int i = 0; i < 60; i++) {
                    Socket reader = RawHttp.open(app.port());
                    reader.setSoTimeout(30_000);
                    RawHttp.send(reader, "GET /pipeline/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    readers.add(reader);
                    draining.submit(() -> reader.getInputStream().transferTo(OutputStream.nullOutputStream()));
                }
                // Every reader joined, and the pipeline overflowing its buffer
                // (drop-oldest) while they read.
                Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> app.metric("loopinfo.events.listeners", "stream:pipeline") == 60
                            && app.metric("loopinfo.pipeline.messages", "outcome:dropped") > 0);
                send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/pipeline")), 10);

                // Tens of milliseconds each on a quiet machine; 3-8 s when lines were
                // written on the pipeline's thread.
                long asked = System.nanoTime();
                send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/pipeline")), 2);
                send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + app.managementPort() + "/actuator/pipeline/pause"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody()), 2);
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(3));
            }
            finally {
                for (Socket reader : readers) {
                    reader.close();
                }
                draining.shutdownNow();
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int withinSeconds) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(withinSeconds)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

}
