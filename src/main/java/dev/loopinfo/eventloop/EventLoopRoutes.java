package dev.loopinfo.eventloop;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.EventStreams;
import dev.loopinfo.web.Routing;

/** Routes of the event loops' live view: its page or JSON, and its events. */
@Configuration(proxyBeanMethods = false)
class EventLoopRoutes {

    @Bean
    RouterFunction<ServerResponse> eventLoopRouter(EventLoops loops, EventLoopProperties settings,
            EventStreams streams) {
        EventLoopHandler handler = new EventLoopHandler(loops, settings.eventsInterval(), streams);
        return RouterFunctions.route()
            .route(read("/loops").and(prefersJson()), handler::json)
            .route(read("/loops"), handler::page)
            .route(read("/loops/events"), handler::events)
            .add(methodNotAllowed(Routing.READ, "/loops", "/loops/events"))
            .build();
    }

}
