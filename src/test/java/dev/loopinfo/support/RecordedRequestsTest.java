package dev.loopinfo.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.RecordedRequests.Recorded;

/**
 * The requests a test sends to the app port are recorded, to be held to the OpenAPI
 * document after its class.
 */
@ServerTest
class RecordedRequestsTest {

    @Autowired
    WebTestClient client;

    @Test
    void aRequestSentIsRecordedAsSent() {
        client.get().uri("/hello/recorded?x=1").header("Accept", "application/json").exchange().expectStatus().isOk();

        assertThat(RecordedRequests.all())
            .contains(new Recorded("GET", "/hello/recorded?x=1", "application/json", null, -1));
    }

}
