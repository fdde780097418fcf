package dev.loopinfo.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import dev.loopinfo.support.DocumentReplay;
import dev.loopinfo.support.DocumentReplay.Answer;
import dev.loopinfo.support.RecordedRequests.Recorded;
import dev.loopinfo.web.StaticFiles;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document against what the application serves: every route the routers serve
 * is listed and every operation listed is served, and each operation's example gets an
 * answer the document allows, checked by a real validator. Every request the rest of the
 * suite sends is held to the document after the class that sent it
 * ({@code AnswersAsDocumented}).
 */
class ApiDocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The fields of a path item that are operations (OpenAPI 3.1). */
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final DocumentReplay replay = DocumentReplay.instance();

    private final ApplicationContext context = replay.context();

    private String document() {
        return replay.document();
    }

    @Test
    void everyRouteServedIsDocumentedAndEveryOperationDocumentedIsServed() {
        Set<String> served = new TreeSet<>();
        context.getBeansOfType(RouterFunction.class).values().forEach(router -> router.accept(new Routes(served)));
        context.getBeansOfType(SimpleUrlHandlerMapping.class)
            .values()
            .forEach(mapping -> mapping.getUrlMap().keySet().forEach(path -> served.add("GET " + path)));
        context.getBean(StaticFiles.class).paths().forEach(path -> served.add("GET " + path));
        context.getBeansOfType(RequestMappingHandlerMapping.class)
            .values()
            .forEach(mapping -> mapping.getHandlerMethods()
                .keySet()
                .forEach(mapped -> mapped.getMethodsCondition()
                    .getMethods()
                    .forEach(method -> mapped.getPatternsCondition()
                        .getPatterns()
                        .forEach(pattern -> served.add(method.name() + " " + pattern.getPatternString())))));

        Set<String> documented = new TreeSet<>();
        JSON.readTree(document())
            .get("paths")
            .properties()
            .forEach(path -> operations(path.getValue())
                .forEach(operation -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));

        assertThat(documented).as("operations in /v3/api-docs").containsExactlyElementsOf(served);
        assertThat(served).as("routes served")
            .contains("GET /", "GET /hello/{name}", "POST /echo", "GET /ws/echo", "GET /css/loopinfo.css",
                    "GET /v3/api-docs.yaml");
    }

    @Test
    void theYamlDocumentIsTheJsonDocument() {
        Answer yaml = replay.get("/v3/api-docs.yaml", "*/*");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(YAMLMapper.builder().build().readTree(yaml.body())).isEqualTo(JSON.readTree(document()));
        assertThat(JSON.readTree(document()).get("openapi").asString()).startsWith("3.1");
        assertThat(JSON.readTree(document()).at("/info/version").asString()).as("the build's version")
            .isEqualTo(context.getBean(BuildProperties.class).getVersion());
        assertThat(JSON.readTree(document()).at("/paths/~1delay~1{seconds}/get/parameters/0/schema/maximum").asInt())
            .as("loopinfo.testbed.max-delay, in seconds")
            .isEqualTo(2);
    }

    /**
     * Every request the suite sends is held to the document too, after the class that
     * sent it.
     */
    @Test
    void eachDocumentedOperationsExampleIsAnsweredAsTheDocumentSays() {
        assertThat(replay.brokenAnswers(examples())).as("answers the document does not allow").isEmpty();
    }

    /**
     * One request per documented operation, from its parameters' examples, so that each
     * is replayed at least once.
     */
    private List<Recorded> examples() {
        List<Recorded> examples = new ArrayList<>();
        JSON.readTree(document())
            .get("paths")
            .properties()
            .forEach(path -> operations(path.getValue()).forEach(operation -> {
                String target = path.getKey();
                String query = "";
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.getValue().path("parameters").forEach(parameters::add);
                for (JsonNode written : parameters) {
                    JsonNode parameter = written.has("$ref")
                            ? JSON.readTree(document()).at(written.get("$ref").asString().substring(1)) : written;
                    String example = parameter.path("example").asString(null);
                    assertThat(example).as("example of %s in %s", parameter.get("name"), target).isNotNull();
                    String in = parameter.get("in").asString();
                    if (in.equals("header")) {
                        continue; // a replayed request carries its Accept and
                                  // Content-Type only
                    }
                    if (in.equals("path")) {
                        target = target.replace("{" + parameter.get("name").asString() + "}", example);
                    }
                    else {
                        query += (query.isEmpty() ? "?" : "&") + parameter.get("name").asString() + "=" + example;
                    }
                }
                String method = operation.getKey().toUpperCase();
                boolean body = operation.getValue().has("requestBody");
                for (String accept : List.of("text/html", "application/json")) {
                    examples
                        .add(new Recorded(method, target + query, accept, body ? "text/plain" : null, body ? 5 : -1));
                }
            }));
        return examples;
    }

    /**
     * A path item's operations, by method: its other fields (such as parameters all its
     * operations share) are not.
     */
    private static List<Map.Entry<String, JsonNode>> operations(JsonNode pathItem) {
        return pathItem.properties().stream().filter(field -> OPERATIONS.contains(field.getKey())).toList();
    }

    /**
     * The (method, path pattern) pairs of the routes: routes without a method (405
     * answers) serve nothing.
     */
    private static final class Routes implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        private final Set<String> served;

        private final Set<String> methods = new TreeSet<>();

        private final Set<String> paths = new TreeSet<>();

        Routes(Set<String> served) {
            this.served = served;
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            methods.clear();
            paths.clear();
            predicate.accept(this);
            // HEAD is GET without the body (RFC 9110): the document lists GET.
            methods.stream()
                .filter(method -> !method.equals("HEAD"))
                .forEach(method -> paths.forEach(path -> served.add(method + " " + path)));
        }

        @Override
        public void method(Set<org.springframework.http.HttpMethod> methods) {
            methods.forEach(method -> this.methods.add(method.name()));
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            throw new IllegalStateException("nested routes are not read here: " + predicate);
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
            // The static files, listed by StaticFiles.
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            throw new IllegalStateException("a router function not read here: " + routerFunction);
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            // Accept negotiation (prefersJson) chooses between a route's HTML and JSON
            // forms, not its path.
        }

    }

}
