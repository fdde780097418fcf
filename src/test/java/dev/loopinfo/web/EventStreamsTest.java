package dev.loopinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/** What every event stream does alike, through the one helper they share. */
class EventStreamsTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final EventStreams streams = new EventStreams(
            new EventStreamProperties(HEARTBEAT, 256, Duration.ofSeconds(1)), registry);

    private final EventStreams.Stream stream = streams.named("test");

    private final Sinks.Empty<Void> ends = Sinks.empty();

    private DisposableServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void aQuietStreamSendsHeartbeatsAndCountsItsListener() {
        StepVerifier.create(open(null, Flux.never()))
            .assertNext(EventStreamsTest::opening)
            .assertNext(event -> assertThat(event.comment()).isEqualTo("heartbeat"))
            .then(() -> assertThat(listeners()).isEqualTo(1))
            .assertNext(event -> assertThat(event.comment()).isEqualTo("heartbeat"))
            .thenCancel()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void aStreamWhoseEventsEndEndsWithThem() {
        StepVerifier.create(open(null, Flux.just(event("one"), event("two"))))
            .assertNext(EventStreamsTest::opening)
            .assertNext(event -> assertThat(event.data()).isEqualTo("one"))
            .assertNext(event -> assertThat(event.data()).isEqualTo("two"))
            .expectComplete()
            .verify(Duration.ofSeconds(10));
        // The client hears the end before the server has counted the stream out.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listeners() == 0);
    }

    @Test
    void aBrowserBackFromAnotherServerHearsItRestarted() {
        StepVerifier.create(open("0123abc-41", resume -> Flux.just(event(resume.toString())).concatWith(Flux.never())))
            .assertNext(event -> {
                assertThat(event.event()).isEqualTo("restarted");
                assertThat(event.retry()).isEqualTo(Duration.ofSeconds(1));
            })
            .assertNext(event -> assertThat(event.data()).contains("otherServer=true", "after=OptionalLong.empty"))
            .thenCancel()
            .verify(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @CsvSource(value = { "THIS-41 | OptionalLong[41]", "THIS-x | OptionalLong.empty", "no dash | OptionalLong.empty",
            "'' | OptionalLong.empty" }, delimiter = '|')
    void aBrowserBackOnThisServerResumesAfterTheLastEventItHeard(String lastEventId, String after) {
        String sent = lastEventId.replace("THIS-", streams.id(0).replace("-0", "-"));
        StepVerifier.create(open(sent, resume -> Flux.just(event(resume.toString())).concatWith(Flux.never())))
            .assertNext(EventStreamsTest::opening)
            .assertNext(event -> assertThat(event.data()).contains("otherServer=false", "after=" + after))
            .thenCancel()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void aClientThatReadsNothingIsHeldNoMoreThanItsBufferTheOldestSkipped() {
        Flux<ServerSentEvent<Object>> stalled = stream.events(EventStreams.Resume.FRESH,
                resume -> Flux.range(1, 300).map(number -> event(String.valueOf(number))), Mono.never(), Mono.never());

        // Nothing asked for while 301 events (the opening and 300) come: the buffer keeps
        // the newest 256.
        StepVerifier.create(stalled, 0)
            .thenAwait(Duration.ofMillis(100))
            .thenRequest(Long.MAX_VALUE)
            .assertNext(event -> assertThat(event.data()).isEqualTo("45"))
            .expectNextCount(254)
            .assertNext(event -> assertThat(event.data()).isEqualTo("300"))
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void aStreamEndsWhenWhatItFollowsStops() {
        StepVerifier.create(open(null, Flux.just(event("one")).concatWith(Flux.never())))
            .assertNext(EventStreamsTest::opening)
            .assertNext(event -> assertThat(event.data()).isEqualTo("one"))
            .then(ends::tryEmitEmpty)
            .expectComplete()
            .verify(Duration.ofSeconds(10));
        // The client hears the end before the server has counted the stream out.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listeners() == 0);
    }

    @Test
    void everyStreamEndsWhenTheApplicationCloses() {
        StepVerifier.create(open(null, Flux.just(event("one")).concatWith(Flux.never())))
            .assertNext(EventStreamsTest::opening)
            .assertNext(event -> assertThat(event.data()).isEqualTo("one"))
            .then(streams::applicationClosing)
            .expectComplete()
            .verify(Duration.ofSeconds(10));
        server.disposeNow();
        // Opened after the close began: ends at once, holding nothing up.
        StepVerifier.create(open(null, Flux.never())).expectComplete().verify(Duration.ofSeconds(10));
        // The client hears the end before the server has counted the stream out.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listeners() == 0);
    }

    /** The stream on a real Netty server, whose connections can close. */
    private Flux<ServerSentEvent<String>> open(String lastEventId, Flux<ServerSentEvent<Object>> events) {
        return open(lastEventId, resume -> events);
    }

    private Flux<ServerSentEvent<String>> open(String lastEventId,
            Function<EventStreams.Resume, Flux<ServerSentEvent<Object>>> events) {
        if (server != null) {
            server.disposeNow();
        }
        RouterFunction<ServerResponse> router = RouterFunctions.route()
            .GET("/events", request -> stream.answer(request, events, ends.asMono()))
            .build();
        server = HttpServer.create()
            .port(0)
            .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(router)))
            .bindNow();
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + server.port()).build();
        return client.get().uri("/events").accept(MediaType.TEXT_EVENT_STREAM).headers(headers -> {
            if (lastEventId != null) {
                headers.set("Last-Event-ID", lastEventId);
            }
        }).exchange().expectStatus().isOk().returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
        }).getResponseBody();
    }

    /** Every stream opens by telling the browser how soon to reconnect. */
    private static void opening(ServerSentEvent<String> event) {
        assertThat(event.comment()).isEqualTo("open");
        assertThat(event.retry()).isEqualTo(Duration.ofSeconds(1));
    }

    private static ServerSentEvent<Object> event(String data) {
        return ServerSentEvent.builder((Object) data).event("test").build();
    }

    private double listeners() {
        return registry.get("loopinfo.events.listeners").tag("stream", "test").gauge().value();
    }

}
