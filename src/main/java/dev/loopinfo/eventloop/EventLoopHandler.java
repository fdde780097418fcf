package dev.loopinfo.eventloop;

import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.EventStreams;
import dev.loopinfo.web.Routing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The event loops' page, its JSON, and its live events. */
class EventLoopHandler {

    private final EventLoops loops;

    private final Duration eventsInterval;

    private final EventStreams streams;

    private final EventStreams.Stream stream;

    EventLoopHandler(EventLoops loops, Duration eventsInterval, EventStreams streams) {
        this.loops = loops;
        this.eventsInterval = eventsInterval;
        this.streams = streams;
        this.stream = streams.named("loops");
    }

    Mono<ServerResponse> page(ServerRequest request) {
        return Routing.ok(Routing.HTML, new EventLoopsPage(loops.now()));
    }

    Mono<ServerResponse> json(ServerRequest request) {
        return Routing.ok(MediaType.APPLICATION_JSON, loops.now());
    }

    /**
     * The loops now every {@code events-interval}, as an event stream that ends when they
     * stop ({@link EventStreams}).
     */
    Mono<ServerResponse> events(ServerRequest request) {
        Flux<ServerSentEvent<Object>> snapshots = Flux.interval(Duration.ZERO, eventsInterval)
            .map(tick -> ServerSentEvent.builder((Object) loops.now()).event("loops").id(streams.id(tick)).build());
        return stream.answer(request, snapshots, loops.stopped());
    }

}
