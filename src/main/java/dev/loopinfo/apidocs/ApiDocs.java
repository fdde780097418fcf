package dev.loopinfo.apidocs;

import static dev.loopinfo.web.Routing.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.Routing;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /v3/api-docs} and {@code /v3/api-docs.yaml}:
 * {@code openapi.yaml}, written beside the routes and held to them by the tests, with the
 * build's version and the limits that come from settings ({@link ParameterRule}) filled
 * in. Nothing describes the routes at run time: a generator would bring a second Jackson
 * and an OpenAPI model to the class path to serve one fixed document.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "loopinfo.api-docs.enabled", matchIfMissing = true)
public final class ApiDocs {

    static final String PATH = "/v3/api-docs";

    private static final MediaType YAML = MediaType.parseMediaType("application/vnd.oai.openapi");

    /**
     * A rule of a parameter that comes from a setting, such as a maximum: a feature
     * declares one as a bean, from the same setting its handler reads, and the document
     * says it.
     *
     * @param operationId the operation, as the document names it
     * @param parameter the parameter's name
     * @param keyword the JSON Schema keyword, such as {@code maximum}
     * @param value its value
     */
    public record ParameterRule(String operationId, String parameter, String keyword, Number value) {
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsRouter(ObjectProvider<BuildProperties> build,
            ObjectProvider<ParameterRule> rules) {
        // Made on the first request, on Reactor's threads for blocking work (it reads a
        // file), then kept.
        Mono<Texts> texts = Mono
            .fromCallable(() -> Texts.of(document(build.getIfAvailable(), rules.orderedStream().toList())))
            .subscribeOn(Schedulers.boundedElastic())
            .cache();
        return RouterFunctions.route()
            .route(read(PATH), request -> texts.flatMap(text -> Routing.ok(MediaType.APPLICATION_JSON, text.json())))
            .route(read(PATH + ".yaml"), request -> texts.flatMap(text -> Routing.ok(YAML, text.yaml())))
            .add(Routing.methodNotAllowed(Routing.READ, PATH, PATH + ".yaml"))
            .build();
    }

    /** The document as written, with the build's version and the rules from settings. */
    static Map<String, Object> document(BuildProperties build, List<ParameterRule> rules) {
        Map<String, Object> document;
        try (InputStream file = new ClassPathResource("openapi.yaml").getInputStream()) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read openapi.yaml", ex);
        }
        map(document, "info").put("version", (build != null) ? build.getVersion() : "unknown");
        for (ParameterRule rule : rules) {
            parameter(document, rule).put(rule.keyword(), rule.value());
        }
        return document;
    }

    /**
     * The schema of a rule's parameter: a rule that names none fails, as the document and
     * the routes parted.
     */
    private static Map<String, Object> parameter(Map<String, Object> document, ParameterRule rule) {
        return map(document, "paths").values()
            .stream()
            .flatMap(path -> ((Map<?, ?>) path).values().stream())
            .filter(operation -> operation instanceof Map<?, ?> named
                    && rule.operationId().equals(named.get("operationId")))
            .flatMap(operation -> ((List<?>) ((Map<?, ?>) operation).get("parameters")).stream())
            .map(Map.class::cast)
            .filter(parameter -> rule.parameter().equals(parameter.get("name")))
            .<Map<String, Object>>map(parameter -> map(parameter, "schema"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("openapi.yaml has no parameter for " + rule));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<?, ?> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    /** The document's two forms, as bytes. */
    private record Texts(byte[] json, byte[] yaml) {

        static Texts of(Map<String, Object> document) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setIndicatorIndent(2);
            options.setIndentWithIndicator(true);
            options.setWidth(120);
            String yaml = new Yaml(new Representer(options), options).dump(document);
            return new Texts(JsonMapper.shared().writeValueAsBytes(document), yaml.getBytes(StandardCharsets.UTF_8));
        }
    }

}
