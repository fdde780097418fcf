package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import dev.loopinfo.RawHttp;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /ws/echo} echoes text and binary messages and closes with the proper code past its limits and on frames
 * the protocol forbids.
 */
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

    /**
     * Frames RFC 6455 says a server must refuse, sent as raw bytes once the handshake is answered: unmasked, a
     * reserved opcode, reserved bits with no extension, a control frame too long, a fragmented close, and a length
     * past the limit (1009 there). Each closes the socket at once with its code.
     */
    @ParameterizedTest
    @CsvSource({ "8102 6869, 1002", "8380 61626364, 1002", "f180 61626364, 1002", "89fe ffff 61626364, 1002",
            "0880 61626364, 1002", "82ff 7fffffffffffffff 61626364, 1009" })
    void aFrameTheProtocolForbidsClosesTheSocketWithItsCode(String frame, int code) throws IOException {
        try (Socket socket = handshake()) {
            assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 101");
            socket.getOutputStream().write(HexFormat.of().parseHex(frame.replace(" ", "")));
            assertThat(closeCode(socket.getInputStream().readAllBytes())).isEqualTo(code);
        }
    }

    /** RFC 6455 4.1: a client waits for the handshake's answer before it sends a frame. */
    @Test
    void dataSentBeforeTheHandshakeWasAnsweredClosesTheSocketWithProtocolError() throws IOException {
        try (Socket socket = RawHttp.open(port)) {
            RawHttp.send(socket, HANDSHAKE + new String(HexFormat.of().parseHex("818268690000"),
                    StandardCharsets.ISO_8859_1));
            assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 101");
            assertThat(closeCode(socket.getInputStream().readAllBytes())).isEqualTo(1002);
        }
    }

    private static final String HANDSHAKE = "GET /ws/echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private Socket handshake() throws IOException {
        Socket socket = RawHttp.open(port);
        RawHttp.send(socket, HANDSHAKE);
        return socket;
    }

    /** The status code of the close frame the bytes start with (an unmasked server frame, opcode 8). */
    private static int closeCode(byte[] frames) {
        assertThat(frames).hasSizeGreaterThanOrEqualTo(4);
        assertThat(frames[0] & 0xFF).as("a close frame").isEqualTo(0x88);
        return ((frames[2] & 0xFF) << 8) | (frames[3] & 0xFF);
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
