package dev.loopinfo.eventloop;

import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.loopinfo.web.Routing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The event loops' page, its JSON, and its live events. */
class EventLoopHandler {

    private final EventLoops loops;

    private final Duration eventsInterval;

    EventLoopHandler(EventLoops loops, Duration eventsInterval) {
        this.loops = loops;
        this.eventsInterval = eventsInterval;
    }

    Mono<ServerResponse> page(ServerRequest request) {
        return Routing.ok(Routing.HTML, new EventLoopsPage(loops.now()));
    }

    Mono<ServerResponse> json(ServerRequest request) {
        return Routing.ok(MediaType.APPLICATION_JSON, loops.now());
    }

    /**
     * The loops now every {@code events-interval}; a client that reads slowly skips some rather than making them
     * queue up. Ends when the client leaves or the application stops, so it never holds up shutdown.
     */
    Mono<ServerResponse> events(ServerRequest request) {
        Flux<ServerSentEvent<EventLoops.Snapshot>> snapshots = Flux.interval(Duration.ZERO, eventsInterval)
            .onBackpressureDrop()
            .map(tick -> ServerSentEvent.builder(loops.now()).event("loops").build());
        return ServerResponse.ok()
            .contentType(MediaType.TEXT_EVENT_STREAM)
            .body(BodyInserters.fromServerSentEvents(snapshots
                .takeUntilOther(Mono.firstWithSignal(loops.stopped(), Routing.connectionClosed(request)))));
    }
}
