package dev.loopinfo.support;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What tests of pages share: the type every page is sent as, an event-loop thread's name,
 * a page's text.
 */
public final class Pages {

    /** The type of every page, as the server sends it. */
    public static final String HTML = "text/html;charset=UTF-8";

    /**
     * A Netty event-loop thread of either server or of the test client, e.g.
     * {@code webflux-http-epoll-2}.
     */
    public static final String EVENT_LOOP_THREAD = "(reactor|webflux)-http-(epoll|nio|kqueue|io_uring)-\\d+";

    private Pages() {
    }

    /** The page at {@code uri}, once it has answered 200 as HTML. */
    public static String page(WebTestClient client, String uri) {
        return client.get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    }

}
