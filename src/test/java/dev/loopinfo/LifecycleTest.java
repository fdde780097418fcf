package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import dev.loopinfo.support.AppProcess;
import dev.loopinfo.support.RawHttp;

/**
 * Start-up and shutdown of the whole application as its own process, as a container
 * runtime sees it. (In one JVM with the other tests, closing an application would also
 * close the Netty resources they share.)
 */
class LifecycleTest {

    @Test
    void withThePipelineOffOpenEventStreamsAndWebSocketsStillEndAtShutdown() throws Exception {
        try (AppProcess app = AppProcess.start("--loopinfo.pipeline.enabled=false");
                Socket webSocket = RawHttp.open(app.port())) {
            CountDownLatch open = new CountDownLatch(2);
            CompletableFuture<List<String>> pipeline = events(app, "/pipeline/events", open);
            CompletableFuture<List<String>> loops = events(app, "/loops/events", open);
            RawHttp.send(webSocket, "GET /ws/echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(RawHttp.readHead(webSocket)).startsWith("HTTP/1.1 101");
            assertThat(open.await(30, TimeUnit.SECONDS)).as("both streams have sent their first event").isTrue();
            long signalled = System.nanoTime();

            app.sigterm();

            assertThat(pipeline.get(10, TimeUnit.SECONDS)).isNotEmpty();
            assertThat(loops.get(10, TimeUnit.SECONDS)).isNotEmpty();
            // A close frame (0x88), status 1001 (going away), then the end of the
            // connection.
            byte[] closing = webSocket.getInputStream().readAllBytes();
            assertThat(closing).hasSizeGreaterThan(4);
            assertThat(new int[] { closing[0] & 0xFF, ((closing[2] & 0xFF) << 8) | (closing[3] & 0xFF) })
                .containsExactly(0x88, 1001);
            assertThat(app.exited(Duration.ofSeconds(10))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).as("no wait for the graceful-shutdown timeout")
                .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aPipelineThatWouldOutwaitSpringsShutdownPhaseIsRefusedAtStart() throws Exception {
        try (AppProcess app = AppProcess.starting("--loopinfo.pipeline.shutdown-timeout=45s")) {
            assertThat(app.exited(Duration.ofSeconds(60))).isTrue();
            assertThat(app.output()).anySatisfy(line -> assertThat(line).contains(
                    "loopinfo.pipeline.shutdown-timeout = 45s (\"loopinfo.pipeline.shutdown-timeout\" from property "
                            + "source \"commandLineArgs\"): must be shorter than "
                            + "spring.lifecycle.timeout-per-shutdown-phase (30000 ms)"));
        }
    }

    @Test
    void anOpenEventStreamEndsWithThePipelineAndTheFinalAccountIsLogged() throws Exception {
        try (AppProcess app = AppProcess.start()) {
            CountDownLatch open = new CountDownLatch(1);
            CompletableFuture<List<String>> stream = events(app, "/pipeline/events", open);
            assertThat(open.await(30, TimeUnit.SECONDS)).as("the stream has sent its first snapshot").isTrue();

            app.sigterm();

            // Without the pipeline ending it, the stream would hold graceful shutdown for
            // its whole timeout.
            assertThat(stream.get(10, TimeUnit.SECONDS)).isNotEmpty().first().asString().contains("\"produced\"");
            assertThat(app.exited(Duration.ofSeconds(10))).isTrue();
            assertThat(app.outputToTheEnd())
                .anySatisfy(line -> assertThat(line).contains("Pipeline stopped: produced"));
        }
    }

    /**
     * An event stream, collected until it ends; {@code open} counts down once, at its
     * first event.
     */
    private static CompletableFuture<List<String>> events(AppProcess app, String path, CountDownLatch open) {
        AtomicBoolean first = new AtomicBoolean(true);
        return WebClient.create("http://localhost:" + app.port())
            .get()
            .uri(path)
            .retrieve()
            .bodyToFlux(String.class)
            .doOnNext(event -> {
                if (first.getAndSet(false)) {
                    open.countDown();
                }
            })
            .collectList()
            .toFuture();
    }

}
