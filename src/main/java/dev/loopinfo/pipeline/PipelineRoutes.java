package dev.loopinfo.pipeline;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import java.math.BigDecimal;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.ApiDocs;
import dev.loopinfo.web.Routing;

/** Routes of the pipeline's page, live events, JSON snapshot and one-shot runs. */
@Configuration(proxyBeanMethods = false)
class PipelineRoutes {

    @Bean
    @RouterOperations({
        @RouterOperation(path = "/pipeline", method = RequestMethod.GET, operation = @Operation(operationId = "pipeline",
                summary = "The producer → consumer → \"200 OK\" pipeline: its page (live), or its snapshot as JSON",
                responses = @ApiResponse(responseCode = "200", description = "The page, or the snapshot as JSON",
                        content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = PipelineSnapshot.class)) }))),
        @RouterOperation(path = "/pipeline/events", method = RequestMethod.GET, operation = @Operation(
                operationId = "pipelineEvents",
                summary = "The pipeline live: a 'snapshot' event every events-interval, each transcript line as a "
                        + "'line' event, and a heartbeat comment; until the client leaves or the pipeline stops",
                responses = @ApiResponse(responseCode = "200", description = "Server-sent events",
                        content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                schema = @Schema(type = "string"))))),
        @RouterOperation(path = "/api/pipeline", method = RequestMethod.GET, operation = @Operation(
                operationId = "pipelineSnapshot", summary = "The pipeline's counters and settings now",
                responses = @ApiResponse(responseCode = "200", description = "The snapshot",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema = @Schema(implementation = PipelineSnapshot.class))))),
        @RouterOperation(path = "/api/pipeline/runs", method = RequestMethod.POST, operation = @Operation(
                operationId = "pipelineRun",
                summary = "Runs the original producer/consumer once, apart from the scheduled pipeline, and "
                        + "answers its transcript",
                parameters = @Parameter(name = PipelineHandler.COUNT, in = ParameterIn.QUERY, required = true,
                        description = "Messages to produce and consume", example = "3",
                        schema = @Schema(type = "integer", minimum = "1")),
                responses = {
                    @ApiResponse(responseCode = "200", description = "The transcript, as lines or as JSON",
                            content = { @Content(mediaType = MediaType.TEXT_PLAIN_VALUE,
                                    schema = @Schema(type = "string")),
                                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = PipelineHandler.Run.class)) }),
                    @ApiResponse(responseCode = "400", description = "count is missing or out of range") })) })
    RouterFunction<ServerResponse> pipelineRouter(PipelineHandler handler) {
        return RouterFunctions.route()
            .route(read("/pipeline").and(prefersJson()), handler::snapshot)
            .route(read("/pipeline"), handler::page)
            .route(read("/pipeline/events"), handler::events)
            .route(read("/api/pipeline"), handler::snapshot)
            .route(RequestPredicates.POST("/api/pipeline/runs").and(prefersJson()), handler::runJson)
            .route(RequestPredicates.POST("/api/pipeline/runs"), handler::run)
            .add(methodNotAllowed(Routing.READ, "/pipeline", "/pipeline/events", "/api/pipeline"))
            .add(methodNotAllowed(Set.of(HttpMethod.POST), "/api/pipeline/runs"))
            .build();
    }

    @Bean
    OpenApiCustomizer runCountRule(PipelineProperties settings) {
        return ApiDocs.parameterRule("pipelineRun", PipelineHandler.COUNT,
                count -> count.maximum(BigDecimal.valueOf(settings.maxRunCount())));
    }
}
