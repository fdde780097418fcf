package dev.loopinfo.eventloop;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.Routing;

/** Routes of the event loops' live view: its page or JSON, and its events. */
@Configuration(proxyBeanMethods = false)
class EventLoopRoutes {

    @Bean
    @RouterOperations({
        @RouterOperation(path = "/loops", method = RequestMethod.GET, operation = @Operation(operationId = "loops",
                summary = "The app server's event loops now: each one's lag (now, worst and each second of the last "
                        + "minute), tasks waiting and open connections; a live page, or JSON",
                responses = @ApiResponse(responseCode = "200", description = "The page, or the loops as JSON",
                        content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = EventLoops.Snapshot.class)) }))),
        @RouterOperation(path = "/loops/events", method = RequestMethod.GET, operation = @Operation(
                operationId = "loopsEvents",
                summary = "The event loops live: a 'loops' event every events-interval, until the client leaves or "
                        + "the application stops",
                responses = @ApiResponse(responseCode = "200", description = "Server-sent events",
                        content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                schema = @Schema(type = "string"))))) })
    RouterFunction<ServerResponse> eventLoopRouter(EventLoops loops, EventLoopProperties settings) {
        EventLoopHandler handler = new EventLoopHandler(loops, settings.eventsInterval());
        return RouterFunctions.route()
            .route(read("/loops").and(prefersJson()), handler::json)
            .route(read("/loops"), handler::page)
            .route(read("/loops/events"), handler::events)
            .add(methodNotAllowed(Routing.READ, "/loops", "/loops/events"))
            .build();
    }
}
