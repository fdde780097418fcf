package dev.loopinfo.greeting;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.Routing;

/**
 * Routes of the original's two pages: {@code GET /} and {@code GET /hello/{name}}, plus
 * the index's form.
 */
@Configuration(proxyBeanMethods = false)
class GreetingRoutes {

    /**
     * Tried before the other features' routes: the original's two pages are what is asked
     * for most.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> greetingRouter(GreetingHandler handler) {
        // "/hello/" is a greeting with an empty name: answered 400 with the name rule,
        // not 404.
        RequestPredicate greeting = read("/hello/{name}").or(read("/hello/"));
        return RouterFunctions.route()
            .route(read("/").and(prefersJson()), handler::indexJson)
            .route(read("/"), handler::index)
            .route(read("/hello"), handler::form)
            .route(greeting.and(prefersJson()), handler::helloJson)
            .route(greeting, handler::hello)
            .add(methodNotAllowed(Routing.READ, "/", "/hello", "/hello/", "/hello/{name}"))
            .build();
    }

    @Bean
    Instance instance(ObjectProvider<BuildProperties> build, Environment environment) {
        return Instance.of(build.getIfAvailable(), environment);
    }

}
