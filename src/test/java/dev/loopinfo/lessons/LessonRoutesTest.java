package dev.loopinfo.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.loopinfo.support.Pages;
import dev.loopinfo.support.ServerTest;
import reactor.core.publisher.Flux;

@ServerTest
class LessonRoutesTest {

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void twoCoroutinesShareOneEventLoopThreadAndOneSecond() {
        LessonRun run = client.get()
            .uri("/lessons/interleave")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(LessonRun.class)
            .returnResult()
            .getResponseBody();

        assertThat(run.threads()).singleElement().asString().matches(Pages.EVENT_LOOP_THREAD);
        String thread = run.threads().get(0);
        assertThat(run.lines()).extracting(line -> line.task() + ": " + line.text() + " (" + line.thread() + ")")
            .containsExactly("hello 1: Hello World! (" + thread + ")", "hello 2: Hello World! (" + thread + ")",
                    "hello 1: Hello Again! (" + thread + ")", "hello 2: Hello Again! (" + thread + ")");
        assertThat(run.lines().get(1).elapsedMillis()).isLessThan(500);
        assertThat(run.lines().get(2).elapsedMillis()).isGreaterThanOrEqualTo(1000);
        // The two one-second sleeps overlap: about one second in all, not two.
        assertThat(run.totalMillis()).isBetween(1000L, 1900L);
    }

    @Test
    void moreBlockingRunsThanTheLimitAtOnceAreRefusedWith503() {
        // blocking-runs is 4: of five at once, one is refused; the others take two
        // blocking seconds each.
        List<Integer> statuses = Flux.range(0, 5)
            .flatMap(run -> WebClient.create("http://localhost:" + port)
                .get()
                .uri("/lessons/blocking")
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                    if (response.statusCode().value() == 503) {
                        assertThat(body).contains("loopinfo.lessons.blocking-runs");
                    }
                    return response.statusCode().value();
                })))
            .collectList()
            .block(Duration.ofSeconds(30));

        assertThat(statuses).containsOnly(200, 503).filteredOn(status -> status == 503).hasSize(1);
        // The limit frees again once they are done.
        client.get().uri("/lessons/blocking").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk();
    }

    @Test
    void theLessonsListIsJsonWhenTheClientPrefersIt() {
        client.get()
            .uri("/lessons")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody()
            .jsonPath("$.lessons.length()")
            .isEqualTo(4)
            .jsonPath("$.lessons[0].lesson")
            .isEqualTo("interleave")
            .jsonPath("$.lessons[0].title")
            .isEqualTo("Two coroutines, one thread")
            .jsonPath("$.lessons[0].summary")
            .isNotEmpty()
            .jsonPath("$.lessons[2].href")
            .isEqualTo("/lessons/producer-consumer");
    }

    @Test
    void eventsStreamEachLineThenTheWholeRun() {
        List<ServerSentEvent<String>> events = client.get()
            .uri("/lessons/hello-world/events")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
            })
            .getResponseBody()
            .filter(event -> event.comment() == null)
            .collectList()
            .block(Duration.ofSeconds(10));

        assertThat(events).extracting(ServerSentEvent::event).containsExactly("line", "line", "done");
        assertThat(events.get(0).data()).contains("\"text\":\"hello\"", "\"elapsedMillis\":");
        assertThat(events.get(1).data()).contains("\"text\":\"world\"");
        assertThat(events.get(2).data()).contains("\"lesson\":\"hello-world\"", "\"totalMillis\":");
    }

    @Test
    void theProducerConsumerLessonReplaysTheOriginal() {
        client.get()
            .uri("/lessons/producer-consumer")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.lines.length()")
            .isEqualTo(15)
            .jsonPath("$.lines[0].text")
            .isEqualTo("[PRODUCER] Producing 1...")
            .jsonPath("$.lines[14].text")
            .isEqualTo("[PRODUCER] Consumer return: 200 OK");
    }

    @ParameterizedTest
    @ValueSource(strings = { "interleave", "hello-world", "producer-consumer" })
    void eachLessonHasAPageThatStreamsIt(String lesson) {
        String page = Pages.page(client, "/lessons/" + lesson);

        assertThat(page).contains("data-events=\"/lessons/" + lesson + "/events\"",
                "<script src=\"/js/lesson.js\" defer></script>", "<noscript>");
    }

    @Test
    void theLessonsPageAndTheIndexLinkToEveryLesson() {
        for (String page : List.of("/lessons", "/")) {
            client.get()
                .uri(page)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("href=\"/lessons/interleave\"",
                        "href=\"/lessons/hello-world\"", "href=\"/lessons/producer-consumer\""));
        }
    }

    @Test
    void anUnknownLessonIsNotFound() {
        client.get()
            .uri("/lessons/nope")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.detail")
            .isEqualTo("There is no lesson 'nope': see /lessons.");
        client.get().uri("/lessons/nope/events").exchange().expectStatus().isNotFound();
    }

    @Test
    void lessonsAreOnlyRead() {
        client.post()
            .uri("/lessons/interleave")
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .valueEquals("Allow", "GET,HEAD,OPTIONS");
    }

}
