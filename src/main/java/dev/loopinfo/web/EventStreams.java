package dev.loopinfo.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.reactivestreams.Publisher;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Answers every server-sent-event stream alike: a keep-alive comment every
 * {@code loopinfo.events.heartbeat-interval}, at most {@code client-buffer} events held
 * for a slow client (the oldest skipped past it), and an end when the client leaves (at
 * any moment, even before the answer starts), when what the stream follows stops, and
 * when the application closes, so a stream never holds up shutdown nor leaves a timer
 * behind. Each stream's open answers are counted
 * ({@code loopinfo_events_listeners{stream}}).
 */
@Component
public class EventStreams {

    private static final ServerSentEvent<Object> HEARTBEAT = ServerSentEvent.builder().comment("heartbeat").build();

    private final EventStreamProperties settings;

    private final MeterRegistry registry;

    private final Map<String, AtomicInteger> listeners = new ConcurrentHashMap<>();

    private final Sinks.Empty<Void> closing = Sinks.empty();

    EventStreams(EventStreamProperties settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    /**
     * A stream by the name its listeners are counted under: made once, when its handler
     * is.
     */
    public Stream named(String name) {
        AtomicInteger open = listeners.computeIfAbsent(name, stream -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("loopinfo.events.listeners", count, AtomicInteger::get)
                .description("Open server-sent-event streams, by stream")
                .tag("stream", stream)
                .register(registry);
            return count;
        });
        return new Stream(open);
    }

    @EventListener(ContextClosedEvent.class)
    void applicationClosing() {
        closing.tryEmitEmpty();
    }

    /** One kind of stream, such as {@code /pipeline/events}. */
    public final class Stream {

        private final AtomicInteger open;

        private Stream(AtomicInteger open) {
            this.open = open;
        }

        /**
         * The events as a {@code text/event-stream} answer, with heartbeats between them,
         * until the events complete, {@code ends} signals, the client leaves or the
         * application closes.
         */
        public Mono<ServerResponse> answer(ServerRequest request, Flux<ServerSentEvent<Object>> events,
                Publisher<?> ends) {
            Sinks.Empty<Void> done = Sinks.empty();
            Flux<ServerSentEvent<Object>> heartbeats = Flux
                .interval(settings.heartbeatInterval(), settings.heartbeatInterval())
                .map(tick -> HEARTBEAT)
                .takeUntilOther(done.asMono());
            Flux<ServerSentEvent<Object>> stream = Flux
                .merge(events.doFinally(signal -> done.tryEmitEmpty()), heartbeats)
                .onBackpressureBuffer(settings.clientBuffer(), skipped -> {
                }, BufferOverflowStrategy.DROP_OLDEST)
                .takeUntilOther(
                        Mono.firstWithSignal(Mono.from(ends), closing.asMono(), Routing.connectionClosed(request)))
                .doOnSubscribe(subscription -> open.incrementAndGet())
                .doFinally(signal -> open.decrementAndGet());
            return ServerResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .body(BodyInserters.fromServerSentEvents(stream));
        }

        /**
         * As {@link #answer(ServerRequest, Flux, Publisher)}, for a stream that follows
         * nothing that stops.
         */
        public Mono<ServerResponse> answer(ServerRequest request, Flux<ServerSentEvent<Object>> events) {
            return answer(request, events, Mono.never());
        }

    }

}
