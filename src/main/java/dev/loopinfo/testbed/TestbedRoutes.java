package dev.loopinfo.testbed;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.Routing;

/**
 * Routes of the test bed: answers that are slow, fail or echo on request, for trying out what surrounds loopinfo.
 */
@Configuration(proxyBeanMethods = false)
class TestbedRoutes {

    /** The methods {@code /status/{code}} answers: a retry policy or a circuit breaker may treat each apart. */
    private static final Set<HttpMethod> STATUS_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Bean
    RouterFunction<ServerResponse> testbedRouter(TestbedHandler handler) {
        RequestPredicate status = RequestPredicates.path("/status/{code}")
            .and(request -> STATUS_METHODS.contains(request.method()));
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
}
