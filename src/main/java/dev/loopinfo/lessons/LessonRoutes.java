package dev.loopinfo.lessons;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.Routing;

/**
 * Routes of the lessons: their index, each lesson's page or JSON, and its live events.
 */
@Configuration(proxyBeanMethods = false)
class LessonRoutes {

    @Bean
    RouterFunction<ServerResponse> lessonRouter(LessonHandler handler) {
        return RouterFunctions.route()
            .route(read("/lessons").and(prefersJson()), handler::indexJson)
            .route(read("/lessons"), handler::index)
            .route(read("/lessons/{lesson}").and(prefersJson()), handler::json)
            .route(read("/lessons/{lesson}"), handler::page)
            .route(read("/lessons/{lesson}/events"), handler::events)
            .add(methodNotAllowed(Routing.READ, "/lessons", "/lessons/{lesson}", "/lessons/{lesson}/events"))
            .build();
    }

}
