package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import dev.loopinfo.reliability.AppProcess;

/**
 * Start-up and shutdown of the whole application as its own process, as a container runtime sees it. (In one
 * JVM with the other tests, closing an application would also close the Netty resources they share.)
 */
class LifecycleTest {

    @Test
    void logsWhereItServesOnceStarted() throws Exception {
        try (AppProcess app = AppProcess.start()) {
            assertThat(app.output()).contains(app.output().stream()
                .filter(line -> line.endsWith("loopinfo started at http://localhost:" + app.port()
                        + "/ (actuator at http://localhost:" + app.managementPort() + "/actuator)"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no start-up line in:\n" + String.join("\n", app.output()))));
            assertThat(app.port()).isPositive().isNotEqualTo(app.managementPort());
        }
    }

    @Test
    void anOpenEventStreamEndsWithThePipelineAndTheFinalAccountIsLogged() throws Exception {
        try (AppProcess app = AppProcess.start()) {
            CompletableFuture<List<String>> stream = WebClient.create("http://localhost:" + app.port())
                .get().uri("/pipeline/events")
                .retrieve()
                .bodyToFlux(String.class)
                .collectList()
                .toFuture();
            Thread.sleep(500); // the stream is open and has sent its first snapshot

            app.sigterm();

            // Without the pipeline ending it, the stream would hold graceful shutdown for its whole timeout.
            assertThat(stream.get(10, TimeUnit.SECONDS)).isNotEmpty().first().asString().contains("\"produced\"");
            assertThat(app.exited(Duration.ofSeconds(10))).isTrue();
            Thread.sleep(200); // the last lines of output are still on their way
            assertThat(app.output()).anySatisfy(line -> assertThat(line).contains("Pipeline stopped: produced"));
        }
    }
}
