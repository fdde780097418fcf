package dev.loopinfo.pipeline;

import static dev.loopinfo.web.Routing.methodNotAllowed;
import static dev.loopinfo.web.Routing.prefersJson;
import static dev.loopinfo.web.Routing.read;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.apidocs.ApiDocs;
import dev.loopinfo.web.Routing;

/** Routes of the pipeline's page, live events, JSON snapshot and one-shot runs. */
@Configuration(proxyBeanMethods = false)
class PipelineRoutes {

    @Bean
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

    /** The document's limit on a run's count: the setting the handler reads. */
    @Bean
    ApiDocs.ParameterRule runCountRule(PipelineProperties settings) {
        return new ApiDocs.ParameterRule("pipelineRun", PipelineHandler.COUNT, "maximum", settings.maxRunCount());
    }

}
