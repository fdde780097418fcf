package dev.loopinfo.http;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hardens the app port's Netty server before any route runs: security headers on every
 * answer, {@code Vary} where answers are compressed, a deadline for request bodies,
 * malformed bodies refused, and a bound on connections.
 * {@link ManagementServerConfiguration} does the same for the management port.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    NettyServerCustomizer securityHeaders() {
        return SecurityHeaders.onEveryResponse();
    }

    @Bean
    NettyServerCustomizer varyByEncoding(ServerProperties server) {
        return VaryByEncoding.of(server.getCompression());
    }

    /**
     * Bounds the time to receive a request body, and the connections held, on the app
     * port.
     */
    @Bean
    NettyServerCustomizer httpLimits(HttpProperties settings) {
        int maxConnections = ConnectionLimit.of(settings.maxConnections());
        NettyServerCustomizer bodyTimeout = RequestBodyTimeout.of(settings.requestBodyTimeout());
        return server -> bodyTimeout.apply(server.maxConnections(maxConnections));
    }

    @Bean
    NettyServerCustomizer malformedBodies() {
        return MalformedBody.onEveryConnection();
    }

}
