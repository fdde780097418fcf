package dev.loopinfo.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.Pages;
import dev.loopinfo.support.ServerTest;

/** {@code /loops}: the app server's loops as a page or JSON, and live as events. */
@ServerTest
class EventLoopRoutesTest {

    @Autowired
    WebTestClient client;

    @Test
    void theJsonListsEveryLoopOfTheAppServerWithAMinuteOfLag() {
        EventLoops.Snapshot loops = client.get()
            .uri("/loops")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(EventLoops.Snapshot.class)
            .returnResult()
            .getResponseBody();

        assertThat(loops.probing()).isTrue();
        assertThat(loops.blockedThresholdMillis()).isEqualTo(200);
        assertThat(loops.loops()).isNotEmpty().allSatisfy(loop -> {
            assertThat(loop.name()).matches("\\w+-http-(epoll|nio)-\\d+");
            assertThat(loop.lastMinuteMillis()).hasSize(60);
            assertThat(loop.worstMillis()).isGreaterThanOrEqualTo(loop.lastMinuteMillis().get(59));
            assertThat(loop.pendingTasks()).isNotNegative();
        });
    }

    @Test
    void thePageHasACardPerLoopAndEveryPageLinksIt() {
        int loops = client.get()
            .uri("/loops")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectBody(EventLoops.Snapshot.class)
            .returnResult()
            .getResponseBody()
            .loops()
            .size();
        String page = client.get()
            .uri("/loops")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(Pages.HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(page).contains("<h1>Event loops</h1>", "<script src=\"/js/loops.js\" defer></script>");
        assertThat(page.split("<li class=\"loop\" ", -1)).hasSize(loops + 1);
        for (String other : List.of("/", "/pipeline", "/lessons", "/hello/Ada")) {
            client.get()
                .uri(other)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectBody(String.class)
                .value(html -> assertThat(html).as(other).contains("<a href=\"/loops\">Event loops</a>"));
        }
    }

    @Test
    void theEventsCarryTheLoopsAgainAndAgain() {
        List<ServerSentEvent<EventLoops.Snapshot>> events = client.get()
            .uri("/loops/events")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<EventLoops.Snapshot>>() {
            })
            .getResponseBody()
            .filter(event -> event.comment() == null)
            .take(2)
            .collectList()
            .block(Duration.ofSeconds(10));

        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.event()).isEqualTo("loops");
            assertThat(event.data().loops()).isNotEmpty();
            // Marked as this server's, so that a browser back from another hears it
            // restarted.
            assertThat(event.id()).matches("[0-9a-z]+-\\d+");
        });
    }

    @Test
    void otherMethodsAreNotAllowed() {
        client.post()
            .uri("/loops")
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .valueEquals("Allow", "GET,HEAD,OPTIONS");
    }

}
