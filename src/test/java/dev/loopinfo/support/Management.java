package dev.loopinfo.support;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/** A client for the management port, where Actuator answers; scrapes can be large. */
public final class Management {

    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private Management() {
    }

    public static WebTestClient client(int managementPort) {
        return WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + managementPort)
            .responseTimeout(Duration.ofSeconds(30))
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES))
            .build();
    }

}
