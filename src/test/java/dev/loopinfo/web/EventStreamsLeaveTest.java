package dev.loopinfo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.loopinfo.RawHttp;
import dev.loopinfo.ServerTest;

/** A client that leaves {@code /pipeline/events} at any moment leaves nothing behind: no listener, no timer. */
@ServerTest
class PipelineEventsTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Test
    void clientsThatLeaveBeforeTheFirstByteLeaveNoListener() throws IOException {
        double before = listeners();
        for (int i = 0; i < 200; i++) {
            try (Socket socket = RawHttp.open(port)) {
                socket.setSoLinger(true, 0); // a reset, right after the request
                RawHttp.send(socket, "GET /pipeline/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listeners()).isLessThanOrEqualTo(before));
    }

    @Test
    void clientsThatLeaveMidStreamLeaveNoListener() throws IOException {
        double before = listeners();
        for (int i = 0; i < 50; i++) {
            try (Socket socket = RawHttp.open(port)) {
                RawHttp.send(socket, "GET /pipeline/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(socket.getInputStream().read()).as("the stream has started").isNotNegative();
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listeners()).isLessThanOrEqualTo(before));
    }

    private double listeners() {
        return registry.get("loopinfo.pipeline.listeners").gauge().value();
    }
}
