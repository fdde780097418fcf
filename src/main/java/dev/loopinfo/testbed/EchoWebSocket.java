package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * {@code /ws/echo}: a WebSocket (RFC 6455, version 13 only) that sends back each text or
 * binary message and answers each ping with a pong, all at the pace the client reads
 * them. A message over {@code websocket-max-message-size} closes it with 1009 (message
 * too big); nothing arriving for {@code websocket-idle-timeout} closes it with 1001
 * (going away), so that idle sockets do not pile up, and so does the application's
 * shutdown, so that open sockets never hold it up.
 */
@Configuration(proxyBeanMethods = false)
class EchoWebSocket implements WebSocketHandler, WebFluxConfigurer {

    private static final String PATH = "/ws/echo";

    private static final String VERSION_HEADER = "Sec-WebSocket-Version";

    /**
     * The only version served (RFC 6455 4.4): every other, or none, is answered 426
     * naming it.
     */
    private static final String VERSION = "13";

    private final TestbedProperties settings;

    /**
     * Completes when the application starts to close, before the web server's graceful
     * shutdown waits.
     */
    private final Sinks.Empty<Void> closing = Sinks.empty();

    EchoWebSocket(TestbedProperties settings) {
        this.settings = settings;
    }

    @EventListener(ContextClosedEvent.class)
    void applicationClosing() {
        closing.tryEmitEmpty();
    }

    /**
     * Before the router functions (order 0 and up): a WebSocket upgrade is not a page.
     */
    @Bean
    HandlerMapping echoWebSocketMapping() {
        return new SimpleUrlHandlerMapping(Map.of(PATH, this), -1);
    }

    /**
     * Holds every WebSocket on the app port to the protocol's rules that Netty does not
     * enforce.
     */
    @Bean
    NettyServerCustomizer strictWebSocket() {
        return StrictWebSocket.onEveryConnection(maxMessage());
    }

    @Override
    public WebSocketService getWebSocketService() {
        int maxMessage = maxMessage();
        // Pings come to the handler, to be answered at the pace the client reads, like
        // any message.
        WebSocketService handshakes = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxMessage).handlePing(true)));
        return (exchange, handler) -> VERSION.equals(exchange.getRequest().getHeaders().getFirst(VERSION_HEADER))
                ? handshakes.handleRequest(exchange, handler) : Mono.error(new UnsupportedVersion());
    }

    private int maxMessage() {
        return (int) Math.min(Integer.MAX_VALUE, settings.websocketMaxMessageSize().toBytes());
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Duration idle = settings.websocketIdleTimeout();
        Flux<WebSocketMessage> received = session.receive()
            .filter(message -> message.getType() != WebSocketMessage.Type.PONG)
            // Sent back as it came; the send releases it
            .doOnNext(WebSocketMessage::retain)
            .publish()
            .refCount(2);
        Flux<WebSocketMessage> answers = received.map(message -> (message.getType() == WebSocketMessage.Type.PING)
                ? session.pongMessage(buffers -> message.getPayload()) : message);
        // Ends with the socket, or closes it when nothing arrived for the idle timeout.
        // It closes the socket itself rather than cancel the reading: a cancelled read
        // would close it without a status.
        Mono<Void> closeWhenIdle = received.timeout(idle)
            .then()
            .onErrorResume(TimeoutException.class, quiet -> session
                .close(CloseStatus.GOING_AWAY.withReason("Nothing arrived for " + idle.toSeconds() + " s")));
        // The close is not cancelled with the echo, which ends as soon as it is sent,
        // before its frame is written.
        Disposable closeAtShutdown = closing.asMono()
            .subscribe(null, null,
                    () -> session.close(CloseStatus.GOING_AWAY.withReason("The server is shutting down")).subscribe());
        return Mono.when(session.send(answers), closeWhenIdle).doFinally(signal -> closeAtShutdown.dispose());
    }

    /** A handshake for a version of the protocol other than the one served. */
    static final class UnsupportedVersion extends ResponseStatusException {

        private static final long serialVersionUID = 1L;

        UnsupportedVersion() {
            super(HttpStatus.UPGRADE_REQUIRED, "Only WebSocket version " + VERSION + " (RFC 6455) is served: send "
                    + VERSION_HEADER + ": " + VERSION + ".");
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(VERSION_HEADER, VERSION);
            return headers;
        }

    }

}
