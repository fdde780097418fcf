package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /ws/echo} echoes text and binary messages and closes with the proper code past its limits. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
        "loopinfo.pipeline.enabled=false", "loopinfo.testbed.websocket-max-message-size=1KB",
        "loopinfo.testbed.websocket-idle-timeout=1s" })
class EchoWebSocketTest {

    @LocalServerPort
    int port;

    private final ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient();

    @Test
    void textAndBinaryMessagesComeBackAsSent() {
        AtomicReference<List<String>> echoed = new AtomicReference<>();
        client.execute(uri(), session -> session
            .send(Flux.just(session.textMessage("hello"), session.binaryMessage(buffers -> buffers
                .wrap(new byte[] { 1, 2, 3 })), session.textMessage("Ωμέγα 😀")))
            .thenMany(session.receive().take(3).map(EchoWebSocketTest::describe))
            .collectList()
            .doOnNext(echoed::set)
            .then(session.close()))
            .block(Duration.ofSeconds(10));

        assertThat(echoed.get()).containsExactly("TEXT hello", "BINARY 1,2,3", "TEXT Ωμέγα 😀");
    }

    @Test
    void aMessageOverTheLimitClosesTheSocketWithMessageTooBig() {
        assertThat(closeStatus(session -> session.send(Mono.just(session.textMessage("x".repeat(2048))))))
            .isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
    }

    @Test
    void aSocketOnWhichNothingArrivesIsClosedAsGoingAway() {
        long started = System.nanoTime();
        assertThat(closeStatus(session -> Mono.empty())).isEqualTo(CloseStatus.GOING_AWAY.getCode());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    /** Opens a socket, does {@code first}, and answers the code the server closes it with. */
    private int closeStatus(java.util.function.Function<org.springframework.web.reactive.socket.WebSocketSession,
            Mono<Void>> first) {
        AtomicReference<CloseStatus> closed = new AtomicReference<>();
        client.execute(uri(), session -> first.apply(session)
            .then(session.closeStatus().doOnNext(closed::set).then()))
            .block(Duration.ofSeconds(10));
        return closed.get().getCode();
    }

    private URI uri() {
        return URI.create("ws://localhost:" + port + "/ws/echo");
    }

    private static String describe(WebSocketMessage message) {
        if (message.getType() == WebSocketMessage.Type.TEXT) {
            return "TEXT " + message.getPayloadAsText(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[message.getPayload().readableByteCount()];
        message.getPayload().read(bytes);
        StringBuilder joined = new StringBuilder();
        for (byte value : bytes) {
            joined.append(joined.isEmpty() ? "" : ",").append(value);
        }
        return "BINARY " + joined;
    }
}
