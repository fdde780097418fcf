package dev.loopinfo.web;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

    /**
     * The header a browser's {@code EventSource} sends when it reconnects: the id of the
     * last event it heard.
     */
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventStreamProperties settings;

    private final MeterRegistry registry;

    private final Map<String, AtomicInteger> listeners = new ConcurrentHashMap<>();

    private final Sinks.Empty<Void> closing = Sinks.empty();

    /**
     * This server's mark in every event id, new at each start: a browser that comes back
     * with another server's id hears that the server restarted.
     */
    private final String instance = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);

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

    /** An event id at {@code position} of a stream, marked as this server's. */
    public String id(long position) {
        return instance + "-" + position;
    }

    /**
     * Where a browser that lost its stream left off, from the {@code Last-Event-ID} it
     * sends back.
     */
    Resume resume(ServerRequest request) {
        String last = request.headers().firstHeader(LAST_EVENT_ID);
        int dash = (last != null) ? last.lastIndexOf('-') : -1;
        if (dash < 0) {
            return Resume.FRESH;
        }
        if (!last.substring(0, dash).equals(instance)) {
            return Resume.OTHER_SERVER;
        }
        try {
            return new Resume(false, OptionalLong.of(Long.parseLong(last.substring(dash + 1))));
        }
        catch (NumberFormatException notOurs) {
            return Resume.FRESH;
        }
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
            return answer(request, resume -> events, ends);
        }

        /**
         * As {@link #answer(ServerRequest, Flux, Publisher)}, the events made for where
         * the browser left off: a browser back from another server first hears a
         * {@code restarted} event, and every stream opens by telling the browser how soon
         * to reconnect ({@code loopinfo.events.retry}).
         */
        public Mono<ServerResponse> answer(ServerRequest request, Function<Resume, Flux<ServerSentEvent<Object>>> made,
                Publisher<?> ends) {
            Flux<ServerSentEvent<Object>> stream = events(resume(request), made, ends,
                    Routing.connectionClosed(request));
            return ServerResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .body(BodyInserters.fromServerSentEvents(stream));
        }

        /**
         * The events an answer sends, until they complete or {@code ends}, {@code closed}
         * or the close signals.
         */
        Flux<ServerSentEvent<Object>> events(Resume resume, Function<Resume, Flux<ServerSentEvent<Object>>> made,
                Publisher<?> ends, Publisher<?> closed) {
            ServerSentEvent<Object> opening = resume.otherServer()
                    ? ServerSentEvent.builder((Object) "restarted").event("restarted").retry(settings.retry()).build()
                    : ServerSentEvent.builder().comment("open").retry(settings.retry()).build();
            Flux<ServerSentEvent<Object>> events = Flux.concat(Mono.just(opening),
                    Flux.defer(() -> made.apply(resume)));
            Sinks.Empty<Void> done = Sinks.empty();
            Flux<ServerSentEvent<Object>> heartbeats = Flux
                .interval(settings.heartbeatInterval(), settings.heartbeatInterval())
                .map(tick -> HEARTBEAT)
                .takeUntilOther(done.asMono());
            return Flux.merge(events.doFinally(signal -> done.tryEmitEmpty()), heartbeats)
                .onBackpressureBuffer(settings.clientBuffer(), skipped -> {
                }, BufferOverflowStrategy.DROP_OLDEST)
                .takeUntilOther(Mono.firstWithSignal(Mono.from(ends), closing.asMono(), Mono.from(closed)))
                .doOnSubscribe(subscription -> open.incrementAndGet())
                .doFinally(signal -> open.decrementAndGet());
        }

        /**
         * As {@link #answer(ServerRequest, Flux, Publisher)}, for a stream that follows
         * nothing that stops.
         */
        public Mono<ServerResponse> answer(ServerRequest request, Flux<ServerSentEvent<Object>> events) {
            return answer(request, events, Mono.never());
        }

    }

    /**
     * Where a browser left off when its stream broke.
     *
     * @param otherServer it heard another server, since restarted: nothing it holds can
     * be resumed
     * @param after the position of the last event it heard from this server, if it said
     * one
     */
    public record Resume(boolean otherServer, OptionalLong after) {

        static final Resume FRESH = new Resume(false, OptionalLong.empty());

        static final Resume OTHER_SERVER = new Resume(true, OptionalLong.empty());

    }

}
