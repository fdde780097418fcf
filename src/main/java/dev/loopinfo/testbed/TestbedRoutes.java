package dev.loopinfo.testbed;

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
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.ApiDocs;
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
    @RouterOperations({
        @RouterOperation(path = "/delay/{seconds}", method = RequestMethod.GET, operation = @Operation(
                operationId = "delay",
                summary = "Answers after the wait asked for, holding no thread: for an ingress's or a client's timeout",
                parameters = @Parameter(name = "seconds", in = ParameterIn.PATH, required = true,
                        description = "How long to wait: up to nine decimals, at most loopinfo.testbed.max-delay",
                        example = "0.1",
                        schema = @Schema(type = "number", minimum = "0")),
                responses = {
                    @ApiResponse(responseCode = "200", description = "Waited: a page, or the wait as JSON",
                            content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = TestbedHandler.Delay.class)) }),
                    @ApiResponse(responseCode = "400", description = "seconds is not a number from 0 to max-delay") })),
        @RouterOperation(path = "/status/{code}", method = { RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE }, operation = @Operation(operationId = "status",
                summary = "Answers with the status asked for, counted apart from real errors: for a retry policy or "
                        + "a circuit breaker",
                parameters = @Parameter(name = "code", in = ParameterIn.PATH, required = true,
                        description = "The status to answer: 200 to 599", example = "503",
                        schema = @Schema(type = "integer", minimum = "200", maximum = "599")),
                responses = {
                    @ApiResponse(responseCode = "2XX", description = "As asked (204 and 205 without a body)",
                            content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = TestbedHandler.Status.class)) }),
                    @ApiResponse(responseCode = "3XX", description = "As asked (304 without a body)",
                            content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = TestbedHandler.Status.class)) }),
                    @ApiResponse(responseCode = "400", description = "code is not a status from 200 to 599"),
                    @ApiResponse(responseCode = "4XX", description = "As asked",
                            content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = TestbedHandler.Status.class)) }),
                    @ApiResponse(responseCode = "5XX", description = "As asked",
                            content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = TestbedHandler.Status.class)) }) })),
        @RouterOperation(path = "/echo", method = { RequestMethod.POST, RequestMethod.PUT }, operation = @Operation(
                operationId = "echo",
                summary = "Sends the request's body back as it arrives, with its content type when no browser runs it "
                        + "(other text goes back as text/plain, anything else as application/octet-stream)",
                requestBody = @RequestBody(description = "Up to loopinfo.testbed.max-echo-size",
                        content = @Content(mediaType = MediaType.ALL_VALUE,
                                schema = @Schema(type = "string", format = "binary"))),
                responses = {
                    @ApiResponse(responseCode = "200", description = "The same bytes",
                            content = @Content(mediaType = MediaType.ALL_VALUE,
                                    schema = @Schema(type = "string", format = "binary"))),
                    @ApiResponse(responseCode = "413", description = "The body is over max-echo-size") })),
        @RouterOperation(path = "/headers", method = RequestMethod.GET, operation = @Operation(operationId = "headers",
                summary = "The request's headers as they arrived, each name once, credentials redacted: what a proxy "
                        + "added or removed",
                responses = @ApiResponse(responseCode = "200", description = "A page, or the headers as JSON",
                        content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = TestbedHandler.Headers.class)) }))) })
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

    @Bean
    OpenApiCustomizer delayRule(TestbedProperties settings) {
        return ApiDocs.parameterRule("delay", "seconds",
                seconds -> seconds.maximum(BigDecimal.valueOf(settings.maxDelay().toNanos(), 9).stripTrailingZeros()));
    }
}
