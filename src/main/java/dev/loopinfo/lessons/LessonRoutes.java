package dev.loopinfo.lessons;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
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

/** Routes of the lessons: their index, each lesson's page or JSON, and its live events. */
@Configuration(proxyBeanMethods = false)
class LessonRoutes {

    @Bean
    @RouterOperations({
        @RouterOperation(path = "/lessons", method = RequestMethod.GET, operation = @Operation(operationId = "lessons",
                summary = "The lessons, each with its title, summary and page",
                responses = @ApiResponse(responseCode = "200", description = "The lessons' page, or their list as JSON",
                        content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = LessonHandler.Index.class)) }))),
        @RouterOperation(path = "/lessons/{lesson}", method = RequestMethod.GET, operation = @Operation(
                operationId = "lesson",
                summary = "One lesson: its page (which runs it live), or the finished run as JSON",
                parameters = @Parameter(name = "lesson", in = ParameterIn.PATH, required = true,
                        description = "The lesson's name, as /lessons lists it", example = "interleave"),
                responses = {
                    @ApiResponse(responseCode = "200", description = "The lesson's page, or its finished run as JSON",
                            content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = LessonRun.class)) }),
                    @ApiResponse(responseCode = "404", description = "There is no such lesson"),
                    @ApiResponse(responseCode = "503",
                            description = "The blocking lesson is running blocking-runs times already") })),
        @RouterOperation(path = "/lessons/{lesson}/events", method = RequestMethod.GET, operation = @Operation(
                operationId = "lessonEvents",
                summary = "Runs the lesson: each printed line as a 'line' event as it happens, then a 'done' event",
                parameters = @Parameter(name = "lesson", in = ParameterIn.PATH, required = true,
                        description = "The lesson's name, as /lessons lists it", example = "interleave"),
                responses = {
                    @ApiResponse(responseCode = "200", description = "Server-sent events",
                            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                    schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "404", description = "There is no such lesson"),
                    @ApiResponse(responseCode = "503",
                            description = "The blocking lesson is running blocking-runs times already") })) })
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
