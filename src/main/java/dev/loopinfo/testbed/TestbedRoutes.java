package dev.loopinfo.testbed;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import java.time.Duration;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.apidocs.ApiDocs;
import dev.loopinfo.web.Routing;

/**
 * Routes of the test bed: answers that are slow, fail or echo on request, for trying out
 * what surrounds loopinfo.
 */
@Configuration(proxyBeanMethods = false)
class TestbedRoutes {

    /**
     * The methods {@code /status/{code}} answers: a retry policy or a circuit breaker may
     * treat each apart.
     */
    private static final Set<HttpMethod> STATUS_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Bean
    RouterFunction<ServerResponse> testbedRouter(TestbedHandler handler) {
        RequestPredicate status = RequestPredicates.methods(STATUS_METHODS.toArray(HttpMethod[]::new))
            .and(RequestPredicates.path("/status/{code}"));
        return RouterFunctions.route()
            .route(read("/delay/{seconds}").and(prefersJson()), handler::delayJson)
            .route(read("/delay/{seconds}"), handler::delay)
            .route(status.and(prefersJson()), handler::statusJson)
            .route(status, handler::status)
            .route(RequestPredicates.POST("/echo").or(RequestPredicates.PUT("/echo")), handler::echo)
            .route(read("/headers").and(prefersJson()), handler::headersJson)
            .route(read("/headers"), handler::headers)
            .add(methodNotAllowed(Routing.READ, "/delay/{seconds}", "/headers"))
            .add(methodNotAllowed(Set.of(HttpMethod.POST, HttpMethod.PUT), "/echo"))
            .add(methodNotAllowed(STATUS_METHODS, "/status/{code}"))
            .build();
    }

    /** The document's limit on a delay, in seconds: the setting the handler reads. */
    @Bean
    ApiDocs.ParameterRule delayRule(TestbedProperties settings) {
        Duration most = settings.maxDelay();
        Number seconds = most.toSeconds();
        if (most.toNanos() % 1_000_000_000 != 0) {
            seconds = most.toNanos() / 1e9;
        }
        return new ApiDocs.ParameterRule("delay", "seconds", "maximum", seconds);
    }

}
