package dev.loopinfo.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import dev.loopinfo.support.ClientFaults;
import dev.loopinfo.support.RawHttp;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /ws/echo} echoes text and binary messages and closes with the proper code past
 * its limits and on frames the protocol forbids.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "loopinfo.pipeline.enabled=false",
                "loopinfo.testbed.websocket-max-message-size=1KB", "loopinfo.testbed.websocket-idle-timeout=1s" })
@ExtendWith(OutputCaptureExtension.class)
class EchoWebSocketTest {

    @LocalServerPort
    int port;

    private final ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient();

    @Test
    void textAndBinaryMessagesComeBackAsSent() {
        AtomicReference<List<String>> echoed = new AtomicReference<>();
        client
            .execute(uri(),
                    session -> session
                        .send(Flux.just(session.textMessage("hello"),
                                session.binaryMessage(buffers -> buffers.wrap(new byte[] { 1, 2, 3 })),
                                session.textMessage("Ωμέγα 😀")))
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
     * Frames RFC 6455 says a server must refuse, sent as raw bytes (masked with zeros)
     * once the handshake is answered: unmasked, a reserved opcode, reserved bits with no
     * extension, a control frame too long, a fragmented close, close codes no endpoint
     * may send (999, 1005, 1006, 5000) and a close reason that is not UTF-8 (1007), text
     * that is not UTF-8 (1007), and a length past the limit in one frame or in two
     * fragments (1009). Each closes the socket at once with its code, and none is logged
     * as an error.
     */
    @ParameterizedTest
    @CsvSource({ "8102 6869, 1002", "8380 61626364, 1002", "f180 61626364, 1002", "89fe ffff 61626364, 1002",
            "0880 61626364, 1002", "8882 00000000 03e7, 1002", "8882 00000000 03ed, 1002", "8882 00000000 03ee, 1002",
            "8882 00000000 1388, 1002", "8883 00000000 03e8ff, 1007", "8182 00000000 fffe, 1007",
            "82ff 7fffffffffffffff 61626364, 1009", "02fe 0258 00000000, 1009" })
    void aFrameTheProtocolForbidsClosesTheSocketWithItsCode(String frame, int code) throws IOException {
        try (Socket socket = handshake()) {
            assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 101");
            byte[] bytes = HexFormat.of().parseHex(frame.replace(" ", ""));
            // The first of two fragments of 600 bytes each, the limit being 1 KB
            if (bytes[0] == 0x02) {
                bytes = concat(bytes, new byte[600], HexFormat.of().parseHex("80fe025800000000"), new byte[600]);
            }
            socket.getOutputStream().write(bytes);
            assertThat(closeCode(socket.getInputStream().readAllBytes())).isEqualTo(code);
        }
    }

    /**
     * RFC 6455 4.4: a version the server does not speak is answered 426 with the one it
     * does.
     */
    @ParameterizedTest(name = "Sec-WebSocket-Version: {0}")
    @CsvSource({ "(none)", "14", "99", "'13, 8'", "abc", "8" })
    void everyVersionButThirteenIsAnswered426WithTheOneServed(String version, CapturedOutput log) throws IOException {
        try (Socket socket = RawHttp.open(port)) {
            RawHttp.send(socket, HANDSHAKE.replace("Sec-WebSocket-Version: 13\r\n",
                    version.equals("(none)") ? "" : "Sec-WebSocket-Version: " + version + "\r\n"));

            assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 426")
                .containsIgnoringCase("Sec-WebSocket-Version: 13");
        }
        assertThat(ClientFaults.loudLines(log.getAll())).isEmpty();
    }

    /**
     * A client that sends pings and never reads gets its pongs only as fast as it reads
     * them, like any echo: once the pongs it has not read fill the connection, the server
     * stops reading its pings, and its writes stall, instead of the server keeping every
     * pong in memory.
     */
    @Test
    void pingsFromAClientThatNeverReadsStallOnceItsPongsFillTheConnection() throws IOException {
        try (SocketChannel client = SocketChannel.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            client.connect(new InetSocketAddress("localhost", port));
            client.write(ByteBuffer.wrap(HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1)));
            assertThat(RawHttp.readHead(client.socket())).startsWith("HTTP/1.1 101");
            client.configureBlocking(false);
            ByteBuffer pings = ByteBuffer.allocate(1_000 * 131);
            while (pings.hasRemaining()) {
                pings.put(new byte[] { (byte) 0x89, (byte) (0x80 | 125), 0, 0, 0, 0 }).put(new byte[125]);
            }
            long sent = 0;
            try (Selector selector = Selector.open()) {
                client.register(selector, SelectionKey.OP_WRITE);
                boolean stalled = false;
                while (!stalled && sent < 256L * 1024 * 1024) {
                    pings.rewind();
                    while (pings.hasRemaining() && !stalled) {
                        int written = client.write(pings);
                        sent += written;
                        stalled = written == 0 && selector.select(2_000) == 0;
                        selector.selectedKeys().clear();
                    }
                }
            }
            assertThat(sent).as("bytes of pings the server read before it stopped").isLessThan(32L * 1024 * 1024);
        }
    }

    /**
     * RFC 6455 4.1: a client waits for the handshake's answer before it sends a frame.
     */
    @Test
    void dataSentBeforeTheHandshakeWasAnsweredClosesTheSocketWithProtocolError() throws IOException {
        try (Socket socket = RawHttp.open(port)) {
            RawHttp.send(socket,
                    HANDSHAKE + new String(HexFormat.of().parseHex("818268690000"), StandardCharsets.ISO_8859_1));
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

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /**
     * The status code of the close frame the bytes start with (an unmasked server frame,
     * opcode 8).
     */
    private static int closeCode(byte[] frames) {
        assertThat(frames).hasSizeGreaterThanOrEqualTo(4);
        assertThat(frames[0] & 0xFF).as("a close frame").isEqualTo(0x88);
        return ((frames[2] & 0xFF) << 8) | (frames[3] & 0xFF);
    }

    /**
     * Opens a socket, does {@code first}, and answers the code the server closes it with.
     */
    private int closeStatus(
            java.util.function.Function<org.springframework.web.reactive.socket.WebSocketSession, Mono<Void>> first) {
        AtomicReference<CloseStatus> closed = new AtomicReference<>();
        client.execute(uri(), session -> first.apply(session).then(session.closeStatus().doOnNext(closed::set).then()))
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
