package dev.loopinfo.http;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import reactor.core.publisher.Mono;

/**
 * The management server's own context (Actuator on {@code management.server.port}), a
 * child of the application's. Loaded from
 * {@code META-INF/spring/…ManagementContextConfiguration.imports} into that context only,
 * so it is kept out of the application's component scan ({@code LoopinfoApplication}).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementServerConfiguration {

    /**
     * WebFlux's dispatcher takes handler mappings from parent contexts too, so the
     * management server would serve every page of the application (spring-boot#14012).
     * This mapping comes after Actuator's own (order -100) and before any of the
     * application's (-1 and later), and answers everything that reaches it with 404.
     */
    @Bean
    HandlerMapping actuatorOnly() {
        return new AbstractHandlerMapping() {
            {
                setOrder(-50);
            }

            @Override
            protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
                return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
            }
        };
    }

    /**
     * The management server's answers carry the same security headers as the app's, and
     * the same {@code Vary} (Boot compresses both by {@code server.compression}); a
     * request body must arrive as quickly, and well-formed; its connections are not
     * limited, so that probes answer while the app port is flooded. Its server factory
     * takes no {@code NettyServerCustomizer} beans, only factory customizers of its own
     * context.
     */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementServerLimits(HttpProperties settings,
            ServerProperties server) {
        return factory -> factory.addServerCustomizers(SecurityHeaders.onEveryResponse(),
                VaryByEncoding.of(server.getCompression()), RequestBodyTimeout.of(settings.requestBodyTimeout()),
                MalformedBody.onEveryConnection());
    }

    /**
     * One rule for every Actuator control: a request without a body is taken whatever its
     * {@code Content-Type} (or none), as if it said JSON, since Actuator refuses a
     * bodiless {@code POST} to an operation with parameters unless it does; a request
     * with a body must send JSON, or is refused 415.
     */
    @Bean
    WebFilter bodilessControls() {
        return (exchange, chain) -> {
            // Probes and scrapes are reads: nothing to look at.
            HttpMethod method = exchange.getRequest().getMethod();
            if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
                return chain.filter(exchange);
            }
            HttpHeaders headers = exchange.getRequest().getHeaders();
            boolean bodiless = headers.getContentLength() <= 0
                    && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
            if (!bodiless || MediaType.APPLICATION_JSON.equals(headers.getContentType())) {
                return chain.filter(exchange);
            }
            return chain.filter(exchange.mutate()
                .request(request -> request.headers(writable -> writable.setContentType(MediaType.APPLICATION_JSON)))
                .build());
        };
    }

    /**
     * The management server records no request observations: its scrapes and probes would
     * otherwise fill the application's {@code http_server_requests_seconds} series.
     * WebFlux looks for this registry in the management context before the application's.
     */
    @Bean
    ObservationRegistry managementRequestObservations() {
        return ObservationRegistry.NOOP;
    }

}
