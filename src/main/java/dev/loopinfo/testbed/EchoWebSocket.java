package dev.loopinfo.testbed;

import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

import dev.loopinfo.web.ApiDocs;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * {@code /ws/echo}: a WebSocket that sends back each text or binary message. A message over
 * {@code websocket-max-message-size} closes it with 1009 (message too big, Netty's own answer); nothing arriving
 * for {@code websocket-idle-timeout} closes it with 1001 (going away), so that idle sockets do not pile up.
 */
@Configuration(proxyBeanMethods = false)
class EchoWebSocket implements WebSocketHandler, WebFluxConfigurer {

    private static final String PATH = "/ws/echo";

    private final TestbedProperties settings;

    EchoWebSocket(TestbedProperties settings) {
        this.settings = settings;
    }

    /** Before the router functions (order 0 and up): a WebSocket upgrade is not a page. */
    @Bean
    HandlerMapping echoWebSocketMapping() {
        return new SimpleUrlHandlerMapping(Map.of(PATH, this), -1);
    }

    /** Holds every WebSocket on the app port to the protocol's rules that Netty does not enforce. */
    @Bean
    NettyServerCustomizer strictWebSocket() {
        return StrictWebSocket.onEveryConnection();
    }

    /** A WebSocket is no router function, so springdoc does not see it: listed by hand. */
    @Bean
    OpenApiCustomizer echoWebSocketDocs() {
        Operation upgrade = new Operation().operationId("echoWebSocket")
            .summary("A WebSocket that sends back each text or binary message; closes with 1009 over "
                    + "websocket-max-message-size and 1001 after websocket-idle-timeout with nothing received")
            .responses(new ApiResponses()
                .addApiResponse("101", new ApiResponse().description("Switched to the WebSocket protocol"))
                .addApiResponse("4XX", ApiDocs.refused()));
        return api -> api.path(PATH, new PathItem().get(upgrade));
    }

    @Override
    public WebSocketService getWebSocketService() {
        int maxMessage = (int) Math.min(Integer.MAX_VALUE, settings.websocketMaxMessageSize().toBytes());
        return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxMessage)));
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Duration idle = settings.websocketIdleTimeout();
        Flux<WebSocketMessage> received = session.receive()
            .doOnNext(WebSocketMessage::retain) // sent back as it came; the send releases it
            .publish()
            .refCount(2);
        // A timer restarted by every message. It closes the socket itself rather than cancel the reading: a
        // cancelled read would close it without a status.
        Mono<Void> closeWhenIdle = received.map(message -> Boolean.TRUE)
            .startWith(Boolean.TRUE)
            .switchMap(activity -> Mono.delay(idle))
            .next()
            .flatMap(quiet -> session
                .close(CloseStatus.GOING_AWAY.withReason("Nothing arrived for " + idle.toSeconds() + " s")));
        return Mono.when(session.send(received), closeWhenIdle);
    }
}
