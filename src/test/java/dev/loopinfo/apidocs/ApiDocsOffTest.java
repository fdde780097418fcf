package dev.loopinfo.apidocs;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.loopinfo.support.ServerTest;

/**
 * {@code loopinfo.api-docs.enabled=false} takes the document away, and only the document.
 */
@ServerTest
@TestPropertySource(properties = "loopinfo.api-docs.enabled=false")
class ApiDocsOffTest {

    @Autowired
    WebTestClient client;

    @Test
    void theDocumentIsGoneAndThePagesStay() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
        client.get().uri("/v3/api-docs.yaml").exchange().expectStatus().isNotFound();
        client.get().uri("/").exchange().expectStatus().isOk();
    }

}
