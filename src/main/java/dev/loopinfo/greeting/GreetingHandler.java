package dev.loopinfo.greeting;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

import dev.loopinfo.web.Routing;
import reactor.core.publisher.Mono;

/**
 * Serves the index and greeting pages, each as HTML or, when the client prefers it, JSON.
 */
@Component
class GreetingHandler {

    /**
     * More threads than any server has event loops: a page for any other thread is
     * rendered each time.
     */
    private static final int MOST_KEPT = 64;

    private final Greeter greeter;

    private final GreetingProperties settings;

    private final Instance instance;

    /**
     * Index pages by the thread that serves them: the app port's event loops, and a few
     * more in tests.
     */
    private final Map<String, byte[]> indexes = new ConcurrentHashMap<>();

    GreetingHandler(Greeter greeter, GreetingProperties settings, Instance instance) {
        this.greeter = greeter;
        this.settings = settings;
        this.instance = instance;
    }

    /**
     * The index page is the same for every request a thread serves (it names the thread):
     * each event loop renders it once and then answers with its bytes, as the static
     * files are.
     */
    Mono<ServerResponse> index(ServerRequest request) {
        String thread = Thread.currentThread().getName();
        byte[] page = indexes.get(thread);
        if (page == null) {
            page = indexPage(thread).toBytes();
            if (indexes.size() < MOST_KEPT) {
                indexes.put(thread, page);
            }
        }
        return Routing.ok(Routing.HTML, page);
    }

    Mono<ServerResponse> indexJson(ServerRequest request) {
        return Routing.ok(MediaType.APPLICATION_JSON, indexPage(Thread.currentThread().getName()));
    }

    /**
     * The index form's target: {@code /hello?name=Ada} redirects to {@code /hello/Ada}.
     */
    Mono<ServerResponse> form(ServerRequest request) {
        String raw = UriComponentsBuilder.fromUri(request.uri()).build().getQueryParams().getFirst("name");
        Name name = Name.fromFormValue((raw != null) ? raw : "", settings.maxNameLength());
        URI greeting = UriComponentsBuilder.fromPath("/hello/{name}").encode().buildAndExpand(name.value()).toUri();
        return ServerResponse.seeOther(greeting).build();
    }

    Mono<ServerResponse> hello(ServerRequest request) {
        return greeter.greet(name(request)).flatMap(greeting -> Routing.ok(Routing.HTML, greeting));
    }

    Mono<ServerResponse> helloJson(ServerRequest request) {
        return greeter.greet(name(request)).flatMap(greeting -> Routing.ok(MediaType.APPLICATION_JSON, greeting));
    }

    private IndexPage indexPage(String thread) {
        return new IndexPage("Index", instance.version(), instance.host(), instance.node(), instance.namespace(),
                thread);
    }

    /**
     * The name is the route's last segment ({@code /hello/} has an empty one), read still
     * percent-encoded so that malformed UTF-8 is refused rather than decoded to U+FFFD.
     */
    private Name name(ServerRequest request) {
        List<PathContainer.Element> elements = request.requestPath().pathWithinApplication().elements();
        PathContainer.Element last = elements.get(elements.size() - 1);
        String raw = (last instanceof PathContainer.PathSegment segment) ? segment.value() : "";
        return Name.fromPathSegment(raw, settings.maxNameLength());
    }

}
