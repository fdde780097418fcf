package dev.loopinfo.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.loopinfo.LoopinfoApplication;
import dev.loopinfo.support.RecordedRequests.Recorded;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Replays requests on a loopinfo of its own, started once for the suite, and holds each
 * answer to the OpenAPI document it serves with a real validator
 * ({@code swagger-request-validator}). Its waits are short (a longer delay asked for is
 * refused, as the document, which reads the same setting, says it will be): the answers'
 * shapes are checked, not their timing. Its own requests are not recorded
 * ({@link RecordedRequests#REPLAY_TARGET}).
 */
public final class DocumentReplay {

    /**
     * The validator's findings about a request that loopinfo refuses too. Not among them:
     * an Accept it cannot meet (RFC 9110 lets a server disregard it; loopinfo answers
     * HTML, which the answer's check holds to the document), and a Content-Type or body
     * that a route does not read. A value of only control characters also counts as
     * missing to the validator (it trims with {@code String.trim()}), while a name may be
     * any characters.
     */
    private static final List<String> ENFORCED = List.of("validation.request.path.missing",
            "validation.request.operation.notAllowed", "validation.request.parameter.schema",
            "validation.request.parameter.query.missing");

    /** A path, or a method on it, that the document does not list. */
    private static final Set<String> UNLISTED = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    /**
     * Statuses that never carry a body (RFC 9110), whatever the document says the
     * operation's body is.
     */
    private static final Set<Integer> BODYLESS = Set.of(204, 205, 304);

    private static DocumentReplay instance;

    private final ConfigurableApplicationContext context;

    private final String document;

    private final OpenApiInteractionValidator validator;

    private DocumentReplay() {
        context = new SpringApplicationBuilder(LoopinfoApplication.class).run("--server.port=0",
                "--management.server.port=0", "--" + RecordedRequests.REPLAY_TARGET + "=true",
                "--loopinfo.testbed.max-delay=2s", "--loopinfo.greeting.delay=0s", "--loopinfo.lessons.sleep=10ms",
                "--loopinfo.lessons.line-pause=0s",
                // The validator says at INFO, for every page, that it checks no HTML.
                "--logging.level.com.atlassian.oai.validator=warn");
        document = get("/v3/api-docs", "application/json").body();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    /** The replay target, started on first use and closed with the JVM. */
    public static synchronized DocumentReplay instance() {
        if (instance == null) {
            instance = new DocumentReplay();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.context::close, "document-replay-close"));
        }
        return instance;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** The OpenAPI document the replay target serves, as JSON. */
    public String document() {
        return document;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /**
     * Replays the requests, then says what is wrong with each answer the document does
     * not allow, sorted.
     */
    public List<String> brokenAnswers(Collection<Recorded> requests) {
        // Replayed on the client's event loops; checked here, as the validator takes
        // locks and loads classes.
        Map<Recorded, Answer> answers = Flux.fromIterable(requests)
            .flatMap(request -> replay(request).map(answer -> Map.entry(request, answer)), 32)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .block(Duration.ofMinutes(3));
        return answers.entrySet()
            .stream()
            .map(exchange -> check(validator, exchange.getKey(), exchange.getValue()))
            .filter(problem -> !problem.isEmpty())
            .sorted()
            .toList();
    }

    public Answer get(String path, String accept) {
        return replay(new Recorded("GET", path, accept, null, -1)).block(Duration.ofSeconds(30));
    }

    /**
     * As many bytes as the request's body had: a JSON string where it was JSON, as /echo
     * sends it back.
     */
    private static String filler(Recorded request) {
        int length = (int) request.contentLength();
        String type = String.valueOf(request.contentType());
        return (length >= 2 && (type.contains("/json") || type.contains("+json")))
                ? "\"" + "x".repeat(length - 2) + "\"" : "x".repeat(length);
    }

    private Mono<Answer> replay(Recorded request) {
        byte[] body = (request.contentLength() > 0) ? filler(request).getBytes(StandardCharsets.US_ASCII) : null;
        return HttpClient.create().headers(headers -> {
            if (request.accept() != null) {
                headers.set(HttpHeaderNames.ACCEPT, request.accept());
            }
            if (request.contentType() != null) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, request.contentType());
            }
        })
            .request(HttpMethod.valueOf(request.method()))
            .uri("http://localhost:" + port() + request.target())
            .send((out, connection) -> (body != null) ? connection.sendByteArray(Mono.just(body)) : connection)
            .responseSingle((response, content) -> {
                String type = response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
                Mono<String> text = (type != null && type.startsWith("text/event-stream")) ? Mono.just("")
                        : content.asString().defaultIfEmpty("");
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                response.responseHeaders()
                    .forEach(header -> headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>())
                        .add(header.getValue()));
                return text.map(read -> new Answer(response.status().code(), type, headers, read));
            })
            .timeout(Duration.ofSeconds(30));
    }

    /**
     * What is wrong with the answer to a replayed request, or an empty string. A request
     * for a path or method the document does not list must be refused (4xx); so must one
     * whose path or query parameters break the document's rules, which are the handlers'
     * rules. Every answer to a listed operation must be one the document lists for it, in
     * its schema and with its headers.
     */
    private static String check(OpenApiInteractionValidator validator, Recorded request, Answer answer) {
        String exchange = request.method() + " " + request.target() + " Accept: " + request.accept() + " Content-Type: "
                + request.contentType() + " → " + answer.status() + " " + answer.contentType();
        boolean refused = answer.status() >= 400 && answer.status() < 500;
        if (request.method().equals("OPTIONS")) {
            // Answered for every served path with its methods (Routing.methodNotAllowed);
            // OpenAPI lists none.
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
        List<String> wrong = errors(
                validator.validateResponse(path, SimpleRequest.Method.valueOf(method), response.build()))
            .stream()
            .filter(message -> !(message.getKey().equals("validation.response.body.missing")
                    && (head || BODYLESS.contains(answer.status()) || isStream(answer)
                    // Nothing echoes as nothing
                            || path.equals("/echo") && request.contentLength() <= 0)))
            .map(Object::toString)
            .toList();
        return wrong.isEmpty() ? "" : exchange + ": " + wrong;
    }

    private static List<ValidationReport.Message> errors(ValidationReport report) {
        return report.getMessages()
            .stream()
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

    /** An answer as the validator reads it. */
    public record Answer(int status, String contentType, Map<String, List<String>> headers, String body) {
    }

}
