package dev.loopinfo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.Pages;
import dev.loopinfo.support.ServerTest;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

@ServerTest
class PipelineRoutesTest {

    private static final String ORIGINAL = """
            [PRODUCER] Producing 1...
            [CONSUMER] Consuming 1...
            [PRODUCER] Consumer return: 200 OK
            [PRODUCER] Producing 2...
            [CONSUMER] Consuming 2...
            [PRODUCER] Consumer return: 200 OK
            [PRODUCER] Producing 3...
            [CONSUMER] Consuming 3...
            [PRODUCER] Consumer return: 200 OK
            [PRODUCER] Producing 4...
            [CONSUMER] Consuming 4...
            [PRODUCER] Consumer return: 200 OK
            [PRODUCER] Producing 5...
            [CONSUMER] Consuming 5...
            [PRODUCER] Consumer return: 200 OK
            """;

    @Autowired
    WebTestClient client;

    @Test
    void aRunOfFiveIsExactlyTheOriginalTranscript() {
        client.post()
            .uri("/api/pipeline/runs?count=5")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
            .expectBody(String.class)
            .isEqualTo(ORIGINAL);
    }

    @Test
    void aRunAnswersJsonWhenTheClientPrefersIt() {
        client.post()
            .uri("/api/pipeline/runs?count=2")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.count")
            .isEqualTo(2)
            .jsonPath("$.transcript.length()")
            .isEqualTo(6)
            .jsonPath("$.transcript[3]")
            .isEqualTo("[PRODUCER] Producing 2...");
    }

    @Test
    void aRunOfTheMostMessagesAllowed() {
        client.post()
            .uri("/api/pipeline/runs?count=1000")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.transcript.length()")
            .isEqualTo(3000)
            .jsonPath("$.transcript[2999]")
            .isEqualTo("[PRODUCER] Consumer return: 200 OK");
    }

    @ParameterizedTest
    @ValueSource(strings = { "?count=0", "?count=1001", "?count=-1", "?count=abc", "?count=", "?count=1e3",
            "?count=99999999999", "" })
    void badCountsAreRefusedWithTheRule(String query) {
        client.post()
            .uri("/api/pipeline/runs" + query)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .value(String.class,
                    message -> assertThat(message).endsWith("count must be a whole number from 1 to 1000."));
    }

    @Test
    void runsAreOnlyPosted() {
        client.get()
            .uri("/api/pipeline/runs?count=5")
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .valueEquals("Allow", "OPTIONS,POST");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/pipeline", "/pipeline" })
    void theSnapshotIsJson(String path) {
        client.get()
            .uri(path)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody()
            .jsonPath("$.state")
            .value(String.class, state -> assertThat(state).isIn("RUNNING", "PAUSED"))
            .jsonPath("$.thread")
            .value(String.class, thread -> assertThat(thread).matches("pipeline-\\d+"))
            .jsonPath("$.produced")
            .isNumber()
            .jsonPath("$.inFlight")
            .isNumber()
            .jsonPath("$.settings.bufferSize")
            .isEqualTo(256)
            .jsonPath("$.settings.overflow")
            .isEqualTo("backpressure");
    }

    @Test
    void thePageShowsCountersBufferAndTranscript() {
        String page = Pages.page(client, "/pipeline");

        // The thread the lead names is the one the pipeline runs on.
        String thread = client.get()
            .uri("/api/pipeline")
            .exchange()
            .expectBody(PipelineSnapshot.class)
            .returnResult()
            .getResponseBody()
            .thread();
        assertThat(page).contains("all on one thread,\n<code>" + thread + "</code>, with no locks");
        assertThat(page).contains("<h1>Pipeline</h1>", "<dd id=\"produced\">",
                "<meter id=\"buffer\" min=\"0\" max=\"256\"",
                "<div id=\"transcript\" class=\"transcript\" role=\"log\"", "data-keep=\"200\"",
                "<script src=\"/js/pipeline.js\" defer></script>");
    }

    @Test
    void theIndexLinksToThePipeline() {
        client.get()
            .uri("/")
            .exchange()
            .expectBody(String.class)
            .value(page -> assertThat(page).contains("<a href=\"/pipeline\">"));
    }

    @Test
    void eventsStreamSnapshotsAndTranscriptLines() {
        List<ServerSentEvent<String>> events = client.get()
            .uri("/pipeline/events")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
            })
            .getResponseBody()
            .filter(event -> event.event() != null)
            .take(4)
            .collectList()
            .block(Duration.ofSeconds(10));

        assertThat(events).hasSize(4);
        assertThat(events.get(0).event()).isEqualTo("snapshot");
        assertThat(events.get(0).data()).contains("\"produced\":", "\"bufferSize\":256");
        assertThat(events).extracting(ServerSentEvent::event).contains("line");
        assertThat(events).filteredOn(event -> "line".equals(event.event()))
            .extracting(ServerSentEvent::data)
            .allMatch(line -> line.matches("\\[(PRODUCER|CONSUMER)\\] .+"));
    }

    @Test
    void aBrowserBackOnTheSameServerGetsTheLinesItMissedAndOneBackFromAnotherHearsItRestarted() {
        ServerSentEvent<String> heard = lines(null).blockFirst(Duration.ofSeconds(10));
        String id = heard.id();
        assertThat(id).matches("[0-9a-z]+-\\d+");
        long number = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        String server = id.substring(0, id.lastIndexOf('-'));

        // Back after line number - 1: that line comes again, first, as it was.
        ServerSentEvent<String> resumed = lines(server + "-" + (number - 1)).blockFirst(Duration.ofSeconds(10));
        assertThat(resumed.id()).isEqualTo(id);
        assertThat(resumed.data()).isEqualTo(heard.data());

        // From another server (one since restarted): told so before anything else.
        StepVerifier.create(events("zz-" + number).filter(event -> event.comment() == null).take(1))
            .assertNext(event -> assertThat(event.event()).isEqualTo("restarted"))
            .verifyComplete();
    }

    private Flux<ServerSentEvent<String>> lines(String lastEventId) {
        return events(lastEventId).filter(event -> "line".equals(event.event()));
    }

    private Flux<ServerSentEvent<String>> events(String lastEventId) {
        return client.get().uri("/pipeline/events").headers(headers -> {
            if (lastEventId != null) {
                headers.set("Last-Event-ID", lastEventId);
            }
        }).exchange().returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
        }).getResponseBody();
    }

    @Test
    void eventsAreServedWithTheRest() {
        StepVerifier.create(
                client.get().uri("/pipeline/events").exchange().returnResult(String.class).getResponseBody().take(1))
            .expectNextCount(1)
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }

}
