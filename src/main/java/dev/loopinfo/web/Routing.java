package dev.loopinfo.web;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.accept.HeaderContentTypeResolver;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Request predicates, answers and fallback routes shared by every feature's
 * {@link RouterFunction}: reading with GET or HEAD, choosing JSON or HTML by
 * {@code Accept}, answering with a body, and answering 405 with {@code Allow}.
 */
public final class Routing {

    /** Pages are HTML in UTF-8. */
    public static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    /** The methods a page answers: HEAD wherever GET. */
    public static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private static final HeaderContentTypeResolver ACCEPT = new HeaderContentTypeResolver();

    private static final String ACCEPTED = Routing.class.getName() + ".ACCEPTED";

    /**
     * {@code Cache-Control: no-cache}, written once: {@code CacheControl} builds its
     * value anew on every call.
     */
    static final String NO_CACHE = CacheControl.noCache().getHeaderValue();

    private Routing() {
    }

    /**
     * {@code ServerResponse.ok().contentType(type).bodyValue(body)}, but with the body
     * given as an inserter: {@code bodyValue} first copies the status and headers into an
     * entity builder of its own, for every response.
     */
    public static Mono<ServerResponse> ok(MediaType type, Object body) {
        return answer(HttpStatus.OK, type, body);
    }

    /**
     * As {@link #ok}, with another status. Every answer is made fresh
     * ({@code Cache-Control: no-cache}): a page or its JSON shows the moment it was asked
     * for, so a browser or a cache asks again rather than reuse it. And it varies by
     * {@code Accept}: a path answers HTML or JSON by it ({@link #prefersJson}), so a
     * cache must not give one client's form to another.
     */
    public static Mono<ServerResponse> answer(HttpStatusCode status, MediaType type, Object body) {
        return ServerResponse.status(status)
            .contentType(type)
            .header(HttpHeaders.CACHE_CONTROL, NO_CACHE)
            .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
            .body(BodyInserters.fromValue(body));
    }

    /** Matches GET and HEAD requests for the path pattern. */
    public static RequestPredicate read(String pattern) {
        return RequestPredicates.GET(pattern).or(RequestPredicates.HEAD(pattern));
    }

    /**
     * The media types the request's {@code Accept} header lists, most preferred first
     * ({@code *}{@code /*} when it has none), read once per request and kept in its
     * attributes.
     * @throws NotAcceptableStatusException if the header does not parse
     * @throws IllegalArgumentException if it lists more media types than Spring will sort
     * (50)
     */
    static List<MediaType> accepted(ServerWebExchange exchange) {
        List<MediaType> accepted = exchange.getAttribute(ACCEPTED);
        if (accepted == null) {
            accepted = ACCEPT.resolveMediaTypes(exchange);
            exchange.getAttributes().put(ACCEPTED, accepted);
        }
        return accepted;
    }

    /**
     * Matches when the client ranks JSON above HTML in {@code Accept} (by quality, then
     * specificity). A missing, {@code *}{@code /*} or unreadable header means HTML, so
     * browsers and plain curl get pages.
     */
    public static RequestPredicate prefersJson() {
        return prefersOverHtml(MediaType.APPLICATION_JSON);
    }

    /**
     * Matches when the client ranks one of {@code types} above HTML in {@code Accept}, as
     * {@link #prefersJson}.
     */
    public static RequestPredicate prefersOverHtml(MediaType... types) {
        return request -> {
            try {
                for (MediaType type : accepted(request.exchange())) {
                    if (type.isCompatibleWith(MediaType.TEXT_HTML)) {
                        return false;
                    }
                    for (MediaType preferred : types) {
                        if (type.isCompatibleWith(preferred)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            catch (NotAcceptableStatusException | IllegalArgumentException unreadableAccept) {
                return false;
            }
        };
    }

    /**
     * Completes when the request's connection closes. A stream that runs until the client
     * leaves ends on it: when a client leaves before the response has started, WebFlux
     * never cancels the response body, and whatever it holds (timers, listeners) would
     * stay until shutdown.
     */
    public static Mono<Void> connectionClosed(ServerRequest request) {
        Object connection = ServerHttpRequestDecorator.getNativeRequest(request.exchange().getRequest());
        return (connection instanceof Connection netty) ? netty.onDispose() : Mono.never();
    }

    /**
     * A route for paths that a feature serves with {@code allowed} methods only: any
     * other method gets 405 with {@code Allow}, and OPTIONS gets 204 with {@code Allow}.
     * Add it after the feature's own routes.
     */
    public static RouterFunction<ServerResponse> methodNotAllowed(Set<HttpMethod> allowed, String... patterns) {
        Set<HttpMethod> allow = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        allow.addAll(allowed);
        allow.add(HttpMethod.OPTIONS);
        RequestPredicate paths = Stream.of(patterns)
            .map(RequestPredicates::path)
            .reduce(RequestPredicate::or)
            .orElseThrow(() -> new IllegalArgumentException("no path patterns"));
        return RouterFunctions.route(paths,
                request -> request.method() == HttpMethod.OPTIONS ? ServerResponse.noContent().allow(allow).build()
                        : Mono.error(new MethodNotAllowedException(request.method(), allow)));
    }

    /**
     * Whether the request came to the management port (Actuator), whose answers are JSON
     * only.
     */
    public static boolean isManagement(ServerWebExchange exchange) {
        return exchange.getApplicationContext() != null
                && WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), "management");
    }

}
