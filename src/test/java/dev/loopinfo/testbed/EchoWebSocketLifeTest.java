package dev.loopinfo.testbed;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * A {@code /ws/echo} socket's life ends with the socket, never later: a socket its client
 * closed holds nothing until its idle timeout, and one still open is closed as going away
 * when the application closes.
 */
class EchoWebSocketLifeTest {

    private final EchoWebSocket echo = new EchoWebSocket(
            new TestbedProperties(Duration.ofSeconds(60), DataSize.ofMegabytes(1), List.of(), DataSize.ofKilobytes(64),
                    Duration.ofMinutes(1), 0, null, Duration.ZERO, Duration.ZERO));

    @Test
    void aSocketItsClientClosedEndsAtOnceNotAtItsIdleTimeout() {
        WebSocketSession session = session(Flux.just(text("hello")));

        StepVerifier.create(echo.handle(session)).expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void anOpenSocketIsClosedAsGoingAwayWhenTheApplicationCloses() {
        Sinks.Many<WebSocketMessage> arriving = Sinks.many().unicast().onBackpressureBuffer();
        WebSocketSession session = session(arriving.asFlux());
        when(session.close(any())).thenReturn(Mono.fromRunnable(arriving::tryEmitComplete));

        StepVerifier.create(echo.handle(session))
            .then(echo::applicationClosing)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        verify(session).close(CloseStatus.GOING_AWAY.withReason("The server is shutting down"));
    }

    private static WebSocketSession session(Flux<WebSocketMessage> arriving) {
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.receive()).thenReturn(arriving);
        when(session.send(any()))
            .thenAnswer(call -> Flux.from(call.<org.reactivestreams.Publisher<?>>getArgument(0)).then());
        return session;
    }

    private static WebSocketMessage text(String text) {
        return new WebSocketMessage(WebSocketMessage.Type.TEXT,
                DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

}
