package dev.loopinfo.greeting;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.Routing;

/** Routes of the original's two pages: {@code GET /} and {@code GET /hello/{name}}, plus the index's form. */
@Configuration(proxyBeanMethods = false)
class GreetingRoutes {

    @Bean
    @RouterOperations({
        @RouterOperation(path = "/", method = RequestMethod.GET, operation = @Operation(operationId = "index",
                summary = "The index: <h1>Index</h1>, this instance's facts and the greeting form",
                responses = @ApiResponse(responseCode = "200", description = "The index page, or its facts as JSON",
                        content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = IndexPage.class)) }))),
        @RouterOperation(path = "/hello", method = RequestMethod.GET, operation = @Operation(operationId = "greetingForm",
                summary = "The index form's target: sends the browser on to /hello/{name}",
                parameters = @Parameter(name = "name", in = ParameterIn.QUERY, required = true,
                        description = "The name to greet, as the form sends it", example = "Ada"),
                responses = {
                    @ApiResponse(responseCode = "303", description = "See /hello/{name}",
                            headers = @Header(name = HttpHeaders.LOCATION, required = true,
                                    schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "400", description = "The name breaks the name rule") })),
        @RouterOperation(path = "/hello/{name}", method = RequestMethod.GET, operation = @Operation(operationId = "hello",
                summary = "The original's greeting: <h1>Hello, {name}!</h1> after a wait that holds no thread",
                parameters = @Parameter(name = "name", in = ParameterIn.PATH, required = true,
                        description = "Who to greet: any characters, escaped on the page", example = "Ada",
                        schema = @Schema(type = "string", minLength = 1)),
                responses = {
                    @ApiResponse(responseCode = "200", description = "The greeting page, or the greeting as JSON",
                            content = { @Content(mediaType = MediaType.TEXT_HTML_VALUE),
                                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = Greeting.class)) }),
                    @ApiResponse(responseCode = "400", description = "The name breaks the name rule") })),
        @RouterOperation(path = "/hello/", method = RequestMethod.GET, operation = @Operation(operationId = "helloNobody",
                summary = "A greeting with an empty name: refused with the name rule",
                responses = @ApiResponse(responseCode = "400", description = "The name rule"))) })
    RouterFunction<ServerResponse> greetingRouter(GreetingHandler handler) {
        // "/hello/" is a greeting with an empty name: answered 400 with the name rule, not 404.
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
