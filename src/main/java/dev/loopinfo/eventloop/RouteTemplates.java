package dev.loopinfo.eventloop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.loopinfo.web.StaticFiles;
import reactor.core.publisher.Mono;

/**
 * Turns a request path into the template of the route that serves it ({@code /hello/Ada} →
 * {@code /hello/{name}}), so that metrics get one series per route however many names are greeted. The
 * templates are read once from the application's own {@link RouterFunction}s and static files; any other path is
 * {@value #UNMATCHED}.
 */
public class RouteTemplates {

    /** The template of every path no route or static file serves. */
    public static final String UNMATCHED = "UNMATCHED";

    private final List<PathPattern> patterns;

    RouteTemplates(List<String> templates) {
        this.patterns = templates.stream()
            .distinct()
            .map(PathPatternParser.defaultInstance::parse)
            .sorted(PathPattern.SPECIFICITY_COMPARATOR)
            .toList();
    }

    /** The route templates of the given router functions, plus the path of each static file. */
    static RouteTemplates of(Stream<RouterFunction<?>> routers, StaticFiles staticFiles) {
        List<String> templates = new ArrayList<>();
        PathCollector collector = new PathCollector(templates);
        routers.forEach(router -> router.accept(collector));
        templates.addAll(staticFiles.paths());
        return new RouteTemplates(templates);
    }

    /** The template for a request path (without query string), or {@value #UNMATCHED}. */
    public String template(String path) {
        // The path arrives decoded already: decoding it again would fail on a literal '%' (a name "100%").
        PathContainer container = PathContainer.parsePath(path, PathContainer.Options.create('/', false));
        for (PathPattern pattern : patterns) {
            if (pattern.matches(container)) {
                return pattern.getPatternString();
            }
        }
        return UNMATCHED;
    }

    /** Collects every path pattern that a router function's predicates name; nothing else matters here. */
    private record PathCollector(List<String> templates) implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        @Override
        public void path(String pattern) {
            templates.add(pattern);
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            predicate.accept(this);
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            predicate.accept(this);
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
        }

        @Override
        public void method(Set<HttpMethod> methods) {
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
        }
    }
}
