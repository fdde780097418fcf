package dev.loopinfo.apidocs;

import dev.loopinfo.web.StaticFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
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

import dev.loopinfo.support.RecordedRequests;
import dev.loopinfo.support.RecordedRequests.Recorded;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document against what the application serves: every route the routers serve is listed and every
 * operation listed is served, and every request the suite sent — replayed here, after every other JUnit Jupiter
 * class (jqwik's properties, which run later, send none) — gets an answer the document allows, checked by a real
 * validator.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    // Replayed waits stay short (a longer delay asked for is refused, as the document, which reads the same
    // setting, says it will be): the answers' shapes are checked here, not their timing.
    "loopinfo.testbed.max-delay=2s", "loopinfo.greeting.delay=0s", "loopinfo.lessons.sleep=10ms",
    "loopinfo.lessons.line-pause=0s",
    // The validator says at INFO, for every page, that it checks no HTML.
    "logging.level.com.atlassian.oai.validator=warn" })
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The validator's findings about a request that loopinfo refuses too. Not among them: an Accept it cannot meet
     * (RFC 9110 lets a server disregard it; loopinfo answers HTML, which the answer's check holds to the document),
     * and a Content-Type or body that a route does not read. A value of only control characters also counts as
     * missing to the validator (it trims with {@code String.trim()}), while a name may be any characters.
     */
    private static final List<String> ENFORCED = List.of("validation.request.path.missing",
            "validation.request.operation.notAllowed", "validation.request.parameter.schema",
            "validation.request.parameter.query.missing");

    /** A path, or a method on it, that the document does not list. */
    private static final Set<String> UNLISTED = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    /** The fields of a path item that are operations (OpenAPI 3.1). */
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /** Statuses that never carry a body (RFC 9110), whatever the document says the operation's body is. */
    private static final Set<Integer> BODYLESS = Set.of(204, 205, 304);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    StaticFiles staticFiles;

    @Autowired
    BuildProperties build;

    private String document;

    private String document() {
        if (document == null) {
            document = get("/v3/api-docs", "application/json").body();
        }
        return document;
    }

    @Test
    void everyRouteServedIsDocumentedAndEveryOperationDocumentedIsServed() {
        Set<String> served = new TreeSet<>();
        context.getBeansOfType(RouterFunction.class).values().forEach(router -> router.accept(new Routes(served)));
        context.getBeansOfType(SimpleUrlHandlerMapping.class).values()
            .forEach(mapping -> mapping.getUrlMap().keySet().forEach(path -> served.add("GET " + path)));
        staticFiles.paths().forEach(path -> served.add("GET " + path));
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping -> mapping
            .getHandlerMethods().keySet().forEach(mapped -> mapped.getMethodsCondition().getMethods()
                .forEach(method -> mapped.getPatternsCondition().getPatterns()
                    .forEach(pattern -> served.add(method.name() + " " + pattern.getPatternString())))));

        Set<String> documented = new TreeSet<>();
        JSON.readTree(document()).get("paths").properties().forEach(path -> operations(path.getValue())
            .forEach(operation -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));

        assertThat(documented).as("operations in /v3/api-docs").containsExactlyElementsOf(served);
        assertThat(served).as("routes served").contains("GET /", "GET /hello/{name}", "POST /echo", "GET /ws/echo",
                "GET /css/loopinfo.css", "GET /v3/api-docs.yaml");
    }

    @Test
    void theYamlDocumentIsTheJsonDocument() {
        Answer yaml = get("/v3/api-docs.yaml", "*/*");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(YAMLMapper.builder().build().readTree(yaml.body())).isEqualTo(JSON.readTree(document()));
        assertThat(JSON.readTree(document()).get("openapi").asString()).startsWith("3.1");
        assertThat(JSON.readTree(document()).at("/info/version").asString()).as("the build's version")
            .isEqualTo(build.getVersion());
        assertThat(JSON.readTree(document()).at("/paths/~1delay~1{seconds}/get/parameters/0/schema/maximum").asInt())
            .as("loopinfo.testbed.max-delay, in seconds").isEqualTo(2);
    }

    @Test
    void everyRequestOfTheSuiteIsAnsweredAsTheDocumentSays() {
        List<Recorded> requests = new ArrayList<>(RecordedRequests.all());
        requests.addAll(examples());
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
            .createForInlineApiSpecification(document())
            .build();
        // Replayed on the client's event loops; checked here, as the validator takes locks and loads classes.
        Map<Recorded, Answer> answers = Flux.fromIterable(requests)
            .flatMap(request -> replay(request).map(answer -> Map.entry(request, answer)), 32)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .block(Duration.ofMinutes(3));
        List<String> broken = answers.entrySet().stream()
            .map(exchange -> check(validator, exchange.getKey(), exchange.getValue()))
            .filter(problem -> !problem.isEmpty())
            .sorted()
            .toList();

        assertThat(broken).as("answers the document does not allow, of %d requests", requests.size()).isEmpty();
        assertThat(RecordedRequests.all()).as("requests recorded, this test's own included")
            .contains(new Recorded("GET", "/v3/api-docs", "application/json", null, -1));
    }

    /** One request per documented operation, from its parameters' examples, so that each is replayed at least once. */
    private List<Recorded> examples() {
        List<Recorded> examples = new ArrayList<>();
        JSON.readTree(document()).get("paths").properties().forEach(path -> operations(path.getValue())
            .forEach(operation -> {
                String target = path.getKey();
                String query = "";
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.getValue().path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    String example = parameter.path("example").asString(null);
                    assertThat(example).as("example of %s in %s", parameter.get("name"), target).isNotNull();
                    if (parameter.get("in").asString().equals("path")) {
                        target = target.replace("{" + parameter.get("name").asString() + "}", example);
                    }
                    else {
                        query += (query.isEmpty() ? "?" : "&") + parameter.get("name").asString() + "=" + example;
                    }
                }
                String method = operation.getKey().toUpperCase();
                boolean body = operation.getValue().has("requestBody");
                for (String accept : List.of("text/html", "application/json")) {
                    examples.add(new Recorded(method, target + query, accept, body ? "text/plain" : null,
                            body ? 5 : -1));
                }
            }));
        return examples;
    }

    /** A path item's operations, by method: its other fields (such as parameters all its operations share) are not. */
    private static List<Map.Entry<String, JsonNode>> operations(JsonNode pathItem) {
        return pathItem.properties().stream()
            .filter(field -> OPERATIONS.contains(field.getKey()))
            .toList();
    }

    /** As many bytes as the request's body had: a JSON string where it was JSON, as /echo sends it back. */
    private static String filler(Recorded request) {
        int length = (int) request.contentLength();
        String type = String.valueOf(request.contentType());
        return (length >= 2 && (type.contains("/json") || type.contains("+json")))
                ? "\"" + "x".repeat(length - 2) + "\"" : "x".repeat(length);
    }

    private Mono<Answer> replay(Recorded request) {
        byte[] body = (request.contentLength() > 0) ? filler(request).getBytes(StandardCharsets.US_ASCII) : null;
        return HttpClient.create()
            .headers(headers -> {
                if (request.accept() != null) {
                    headers.set(HttpHeaderNames.ACCEPT, request.accept());
                }
                if (request.contentType() != null) {
                    headers.set(HttpHeaderNames.CONTENT_TYPE, request.contentType());
                }
            })
            .request(HttpMethod.valueOf(request.method()))
            .uri("http://localhost:" + port + request.target())
            .send((out, connection) -> (body != null) ? connection.sendByteArray(Mono.just(body))
                    : connection)
            .responseSingle((response, content) -> {
                String type = response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
                Mono<String> text = (type != null && type.startsWith("text/event-stream")) ? Mono.just("")
                        : content.asString().defaultIfEmpty("");
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                response.responseHeaders().forEach(header -> headers
                    .computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue()));
                return text.map(read -> new Answer(response.status().code(), type, headers, read));
            })
            .timeout(Duration.ofSeconds(30));
    }

    /**
     * What is wrong with the answer to a replayed request, or an empty string. A request for a path or method the
     * document does not list must be refused (4xx); so must one whose path or query parameters break the
     * document's rules, which are the handlers' rules. Every answer to a listed operation must be one the document
     * lists for it, in its schema and with its headers.
     */
    private static String check(OpenApiInteractionValidator validator, Recorded request, Answer answer) {
        String exchange = request.method() + " " + request.target() + " Accept: " + request.accept()
                + " Content-Type: " + request.contentType() + " → " + answer.status() + " " + answer.contentType();
        boolean refused = answer.status() >= 400 && answer.status() < 500;
        if (request.method().equals("OPTIONS")) {
            // Answered for every served path with its methods (Routing.methodNotAllowed); OpenAPI lists none.
            return (answer.status() == 204 && answer.headers().containsKey("Allow")) || answer.status() == 404 ? ""
                    : exchange + ": OPTIONS answered without Allow";
        }
        // HEAD is GET without the body (RFC 9110).
        boolean head = request.method().equals("HEAD");
        String method = head ? "GET" : request.method();
        int query = request.target().indexOf('?');
        String path = (query < 0) ? request.target() : request.target().substring(0, query);
        List<ValidationReport.Message> broken = errors(validator.validateRequest(request(method, path, request, query)))
            .stream()
            .filter(message -> ENFORCED.stream().anyMatch(message.getKey()::startsWith))
            .toList();
        if (!broken.isEmpty() && !refused) {
            return exchange + ": a request the document does not allow was not refused: " + broken;
        }
        if (broken.stream().anyMatch(message -> UNLISTED.contains(message.getKey()))) {
            return ""; // refused, and no operation to hold the answer to
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(answer.status());
        answer.headers().forEach(response::withHeader);
        if (!answer.body().isEmpty()) {
            response.withBody(answer.body());
        }
        List<String> wrong = errors(validator.validateResponse(path, SimpleRequest.Method.valueOf(method),
                response.build())).stream()
            .filter(message -> !(message.getKey().equals("validation.response.body.missing")
                    && (head || BODYLESS.contains(answer.status()) || isStream(answer)
                            || path.equals("/echo") && request.contentLength() <= 0))) // nothing echoes as nothing
            .map(Object::toString)
            .toList();
        return wrong.isEmpty() ? "" : exchange + ": " + wrong;
    }

    private static List<ValidationReport.Message> errors(ValidationReport report) {
        return report.getMessages().stream()
            .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
            .toList();
    }

    private static boolean isStream(Answer answer) {
        return answer.contentType() != null && answer.contentType().startsWith("text/event-stream");
    }

    private static SimpleRequest request(String method, String path, Recorded recorded, int query) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        if (query >= 0) {
            for (String pair : recorded.target().substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                String name = (equals < 0) ? pair : pair.substring(0, equals);
                String value = (equals < 0) ? "" : pair.substring(equals + 1);
                request.withQueryParam(decode(name), decode(value));
            }
        }
        if (recorded.accept() != null) {
            request.withAccept(recorded.accept());
        }
        if (recorded.contentType() != null) {
            request.withContentType(recorded.contentType());
        }
        return request.build();
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            return encoded;
        }
    }


    private Answer get(String path, String accept) {
        return replay(new Recorded("GET", path, accept, null, -1)).block(Duration.ofSeconds(30));
    }

    /** An answer as the validator reads it. */
    record Answer(int status, String contentType, Map<String, List<String>> headers, String body) {
    }

    /** The (method, path pattern) pairs of the routes: routes without a method (405 answers) serve nothing. */
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
            methods.stream().filter(method -> !method.equals("HEAD"))
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
            // Accept negotiation (prefersJson) chooses between a route's HTML and JSON forms, not its path.
        }
    }
}
