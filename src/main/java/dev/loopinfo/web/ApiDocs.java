package dev.loopinfo.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.api.AbstractOpenApiResource;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.http.MediaTypeFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

import reactor.core.scheduler.Schedulers;

/**
 * The OpenAPI document at {@code /v3/api-docs}: each feature's router lists its operations
 * ({@code @RouterOperations}); this adds the static files and what every operation shares.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
public final class ApiDocs implements WebFluxConfigurer {

    /** The one shape of every error answer as JSON, named in each operation's 4xx and 5xx responses. */
    private static final String ERROR = "Error";

    private static final String HTML = org.springframework.http.MediaType.TEXT_HTML_VALUE;

    /**
     * springdoc builds the document inside its handler, the first time in about half a second of reflection and
     * class loading: on Reactor's threads for blocking work, never on an event loop.
     */
    @Override
    public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
        configurer.setExecutor(new TaskExecutorAdapter(task -> Schedulers.boundedElastic().schedule(task)));
        configurer.setControllerMethodPredicate(
                method -> AbstractOpenApiResource.class.isAssignableFrom(method.getBeanType()));
    }

    @Bean
    OpenAPI loopinfoApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
            .info(new Info().title("loopinfo")
                .version((properties != null) ? properties.getVersion() : "unknown")
                .description("Python asyncio's event-loop lesson as a reactive Spring service: the original's pages, "
                        + "their JSON forms, the lessons, the producer/consumer pipeline and a test bed. "
                        + "Each page answers HTML, or JSON when the client prefers it (Accept)."))
            // Relative, so that the document never repeats the Host a request sent.
            .addServersItem(new Server().url("/"));
    }

    /**
     * What every operation shares, in one customizer because springdoc runs customizers in no set order: the
     * static files and this document join the routers' operations before the shared answers are added to all.
     */
    @Bean
    OpenApiCustomizer sharedAnswers(StaticFiles files, SpringDocConfigProperties springdoc) {
        String documentPath = springdoc.getApiDocs().getPath();
        return api -> {
            files.paths().forEach(path -> api.path(path, new PathItem().get(staticFile(path))));
            api.path(documentPath, new PathItem().get(document("json", "application/json")));
            api.path(documentPath + ".yaml", new PathItem().get(document("yaml", "application/vnd.oai.openapi")));
            api.getComponents().addSchemas(ERROR, errorSchema());
            api.getComponents().getSchemas().forEach(ApiDocs::writtenWhole);
            api.getPaths().values().forEach(ApiDocs::namedByMethod);
            api.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDocs::answersErrors));
        };
    }

    /**
     * A rule of a parameter that comes from the settings, such as a maximum: written into the document from the
     * same setting the handler reads.
     */
    public static OpenApiCustomizer parameterRule(String operationId, String parameter, Consumer<Schema<?>> rule) {
        return api -> api.getPaths().values().stream()
            .flatMap(path -> path.readOperations().stream())
            .filter(operation -> operationId.equals(baseId(operation)) && operation.getParameters() != null)
            .flatMap(operation -> operation.getParameters().stream())
            .filter(documented -> parameter.equals(documented.getName()))
            .forEach(documented -> rule.accept(documented.getSchema()));
    }

    /** A refused request's answer, for an operation added to the document by hand. */
    public static ApiResponse refused() {
        return new ApiResponse().description("The request was refused").content(errorContent());
    }

    private static Operation document(String format, String type) {
        return new Operation().operationId("apiDocs" + StringUtils.capitalize(format))
            .summary("This document, in " + format.toUpperCase(Locale.ROOT))
            .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("The OpenAPI document")
                .content(new Content().addMediaType(type, new MediaType().schema(new StringSchema())))));
    }

    private static Operation staticFile(String path) {
        String type = MediaTypeFactory.getMediaType(path)
            .orElse(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
            .toString();
        return new Operation().summary("A static file of the site's pages")
            .responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse()
                    .description("The file, with ETag, Last-Modified and Cache-Control: no-cache")
                    .content(new Content().addMediaType(type, new MediaType().schema(new StringSchema()))))
                .addApiResponse("304", new ApiResponse()
                    .description("Unchanged: If-None-Match names its ETag, or none since If-Modified-Since")));
    }

    /**
     * loopinfo's JSON answers are records, written whole: every property is present, and no other. Said in the
     * document so that a validator notices an answer that lost or gained one.
     */
    private static void writtenWhole(String name, Schema<?> schema) {
        if (!ERROR.equals(name) && schema.getProperties() != null) {
            schema.required(new ArrayList<>(schema.getProperties().keySet())).additionalProperties(Boolean.FALSE);
        }
    }

    /**
     * One route that answers several methods is one operation per method, named by it ({@code postEcho},
     * {@code putEcho}) rather than numbered by springdoc ({@code echo}, {@code echo_1}).
     */
    private static void namedByMethod(PathItem path) {
        Map<PathItem.HttpMethod, Operation> operations = path.readOperationsMap();
        if (operations.size() > 1 && operations.values().stream().map(ApiDocs::baseId).distinct().count() == 1) {
            operations.forEach((method, operation) -> operation.setOperationId(
                    method.name().toLowerCase(Locale.ROOT) + StringUtils.capitalize(baseId(operation))));
        }
    }

    private static String baseId(Operation operation) {
        String id = operation.getOperationId();
        return (id != null) ? id.replaceFirst("_\\d+$", "") : "";
    }

    /**
     * Any operation can refuse a request (400, 404, 405, 406, 413, 414, 431...), and each refusal or server error
     * is an error page in the site's look, or {@code Error} as JSON when the client prefers JSON. A page is a string
     * of HTML: said here once rather than in every operation.
     */
    private static void answersErrors(Operation operation) {
        operation.getResponses().putIfAbsent("4XX", refused());
        operation.getResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getContent() == null) {
                response.setContent(errorContent());
            }
            MediaType html = (response.getContent() != null) ? response.getContent().get(HTML) : null;
            if (html != null && html.getSchema() == null) {
                html.setSchema(new StringSchema());
            }
        });
    }

    private static Content errorContent() {
        return new Content()
            .addMediaType(HTML, new MediaType().schema(new StringSchema()))
            .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                    new MediaType().schema(new Schema<>().$ref(ERROR)));
    }

    /** Spring Boot's error attributes as loopinfo exposes them. */
    private static Schema<?> errorSchema() {
        ObjectSchema schema = new ObjectSchema();
        schema.description("What went wrong: the status, its reason and, for a refused request, the rule it broke");
        schema.properties(Map.of(
                "timestamp", new StringSchema().format("date-time"),
                "path", new StringSchema(),
                "status", new IntegerSchema(),
                "error", new StringSchema(),
                "message", new StringSchema().description("The rule the request broke, or the limit reached (4xx and 503 only)"),
                "requestId", new StringSchema()));
        schema.required(List.of("timestamp", "path", "status", "error", "requestId"));
        return schema;
    }
}
