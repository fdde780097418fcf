package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.loopinfo.support.RawHttp;
import dev.loopinfo.support.ServerTest;

/**
 * A client that leaves any of the event streams at any moment leaves nothing behind: no
 * listener, no timer.
 */
@ServerTest
class EventStreamsLeaveTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @ParameterizedTest
    @CsvSource({ "pipeline, /pipeline/events", "loops, /loops/events", "lessons, /lessons/producer-consumer/events" })
    void clientsThatLeaveBeforeTheFirstByteLeaveNoListener(String stream, String path) throws IOException {
        double before = listeners(stream);
        for (int i = 0; i < 100; i++) {
            try (Socket socket = RawHttp.open(port)) {
                socket.setSoLinger(true, 0); // a reset, right after the request
                RawHttp.send(socket, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
        }
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(listeners(stream)).isLessThanOrEqualTo(before));
    }

    @ParameterizedTest
    @CsvSource({ "pipeline, /pipeline/events", "loops, /loops/events", "lessons, /lessons/interleave/events" })
    void clientsThatLeaveMidStreamLeaveNoListener(String stream, String path) throws IOException {
        double before = listeners(stream);
        for (int i = 0; i < 25; i++) {
            try (Socket socket = RawHttp.open(port)) {
                RawHttp.send(socket, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(socket.getInputStream().read()).as("the stream has started").isNotNegative();
                assertThat(listeners(stream)).as("counted while open").isGreaterThan(before);
            }
        }
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(listeners(stream)).isLessThanOrEqualTo(before));
    }

    private double listeners(String stream) {
        return registry.get("loopinfo.events.listeners").tag("stream", stream).gauge().value();
    }

}
