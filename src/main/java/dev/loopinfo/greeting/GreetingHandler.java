package dev.loopinfo.greeting;

import java.net.URI;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

import dev.loopinfo.web.Routing;
import reactor.core.publisher.Mono;

/** Serves the index and greeting pages, each as HTML or, when the client prefers it, JSON. */
@Component
class GreetingHandler {

    private final Greeter greeter;

    private final GreetingProperties settings;

    private final Instance instance;

    GreetingHandler(Greeter greeter, GreetingProperties settings, Instance instance) {
        this.greeter = greeter;
        this.settings = settings;
        this.instance = instance;
    }

    Mono<ServerResponse> index(ServerRequest request) {
        return Routing.ok(Routing.HTML, indexPage());
    }

    Mono<ServerResponse> indexJson(ServerRequest request) {
        return Routing.ok(MediaType.APPLICATION_JSON, indexPage());
    }

    /** The index form's target: {@code /hello?name=Ada} redirects to {@code /hello/Ada}. */
    Mono<ServerResponse> form(ServerRequest request) {
        String raw = UriComponentsBuilder.fromUri(request.uri()).build().getQueryParams().getFirst("name");
        Name name = Name.fromFormValue((raw != null) ? raw : "", settings.maxNameLength());
        URI greeting = UriComponentsBuilder.fromPath("/hello/{name}").encode().buildAndExpand(name.value()).toUri();
        return ServerResponse.seeOther(greeting).build();
    }

    Mono<ServerResponse> hello(ServerRequest request) {
        return greeter.greet(name(request))
            .flatMap(greeting -> Routing.ok(Routing.HTML, greeting));
    }

    Mono<ServerResponse> helloJson(ServerRequest request) {
        return greeter.greet(name(request))
            .flatMap(greeting -> Routing.ok(MediaType.APPLICATION_JSON, greeting));
    }

    private IndexPage indexPage() {
        return new IndexPage("Index", instance.version(), instance.host(), instance.node(), instance.namespace(),
                Thread.currentThread().getName());
    }

    /**
     * The name is the route's last segment ({@code /hello/} has an empty one), read still percent-encoded so
     * that malformed UTF-8 is refused rather than decoded to U+FFFD.
     */
    private Name name(ServerRequest request) {
        List<PathContainer.Element> elements = request.requestPath().pathWithinApplication().elements();
        PathContainer.Element last = elements.get(elements.size() - 1);
        String raw = (last instanceof PathContainer.PathSegment segment) ? segment.value() : "";
        return Name.fromPathSegment(raw, settings.maxNameLength());
    }
}
