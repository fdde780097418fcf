package dev.loopinfo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Flux;

/**
 * A browser back on the same server after more lines than the transcript keeps: told how
 * many it missed, then given the lines kept, each once and in order, running on into the
 * live ones.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "loopinfo.pipeline.transcript-lines=3",
                "loopinfo.pipeline.interval=20ms" })
@AutoConfigureWebTestClient(timeout = "30s")
class PipelineResumeTest {

    @Autowired
    WebTestClient client;

    @Test
    void aBrowserBackAfterMoreLinesThanAreKeptHearsTheGapThenEveryLineOnce() {
        ServerSentEvent<String> heard = events(null).filter(event -> "line".equals(event.event()))
            .blockFirst(Duration.ofSeconds(10));
        long number = number(heard);
        String server = heard.id().substring(0, heard.id().lastIndexOf('-'));
        // The transcript moves on past what it keeps.
        events(null).filter(event -> "line".equals(event.event()) && number(event) > number + 10)
            .blockFirst(Duration.ofSeconds(10));

        List<ServerSentEvent<String>> resumed = events(server + "-" + number)
            .filter(event -> "gap".equals(event.event()) || "line".equals(event.event()))
            .take(6)
            .collectList()
            .block(Duration.ofSeconds(10));

        assertThat(resumed.get(0).event()).isEqualTo("gap");
        long missed = Long.parseLong(resumed.get(0).data());
        assertThat(missed).isGreaterThanOrEqualTo(8);
        assertThat(resumed.subList(1, 6)).extracting(PipelineResumeTest::number)
            .containsExactly(number + missed + 1, number + missed + 2, number + missed + 3, number + missed + 4,
                    number + missed + 5);
    }

    private static long number(ServerSentEvent<String> line) {
        return Long.parseLong(line.id().substring(line.id().lastIndexOf('-') + 1));
    }

    private Flux<ServerSentEvent<String>> events(String lastEventId) {
        return client.get().uri("/pipeline/events").headers(headers -> {
            if (lastEventId != null) {
                headers.set("Last-Event-ID", lastEventId);
            }
        }).exchange().returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
        }).getResponseBody();
    }

}
